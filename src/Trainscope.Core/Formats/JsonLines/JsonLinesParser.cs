using System.Text.Json;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// Reads one JSON object per line, on the line's bytes: the common flat shape with <see cref="FlatJsonReader"/>, anything
/// else with <see cref="Utf8JsonReader"/>.
/// </summary>
internal sealed class JsonLinesParser : ILineParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip };
    private readonly LoggedRecord _record = new() { InferEpochs = true };
    private readonly RecordKeyCache _keys;
    private readonly bool _flatReader;
    private readonly byte[] _keyScratch = new byte[256];
    private byte[] _quoted = new byte[1024];

    public JsonLinesParser()
        : this(flatReader: true)
    {
    }

    /// <summary>Without <paramref name="flatReader"/> every line takes the general reader: the reference the fast one must match.</summary>
    internal JsonLinesParser(bool flatReader)
    {
        _keys = new RecordKeyCache(_record);
        _flatReader = flatReader;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = SpanFields.TrimSpaces(line.Text);
        if (text.StartsWith(Utf8Bom))
        {
            text = text[Utf8Bom.Length..]; // Windows tools start the first line with one
        }

        if (text.Length < 2 || text[0] != (byte)'{' || text[^1] != (byte)'}')
        {
            return false;
        }

        var first = SpanFields.SkipSpaces(text, 1);
        if (text[first] is not ((byte)'"' or (byte)'}'))
        {
            return false; // a Python dict (`{'loss': …}`) is python-dict's
        }

        _record.Begin();
        if (_flatReader && FlatJsonReader.TryRead(text, _record, _keys))
        {
            Emit(line, sink);
            return true;
        }

        if (JsonSpecialTokens.MayContain(text))
        {
            var length = JsonSpecialTokens.Quote(text, ref _quoted);
            text = _quoted.AsSpan(0, length);
        }

        _record.Begin();
        if (!TryRead(text))
        {
            return false;
        }

        Emit(line, sink);
        return true;
    }

    public void Complete(IRecordSink sink) => _record.Complete(sink);

    public void BeginPart() => _record.BeginPart();

    public bool TryJoin(ILineParser before, long renumber)
    {
        if (before is not JsonLinesParser parser || !_record.Continues(parser._record, parser._record.LastPositions))
        {
            return false;
        }

        _record.Join(parser._record, parser._record.LastPositions, renumber);
        return true;
    }

    private void Emit(in LogLine line, IRecordSink sink)
    {
        var origin = new RecordOrigin(line.Source, line.Source.Rank, line.Number, line.Offset, null);
        _record.Emit(origin, line.Text, sink);
    }

    private bool TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && JsonRecordReader.Read(ref reader, _record, _keyScratch);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A line that looks like an object but is not JSON (cut, or junk inside); the cost is paid only by such lines.
            return false;
        }
    }
}
