using System.Text;
using System.Text.Json;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>Reads one `trainer_state.json` document: first its top-level facts, then each `log_history` entry.</summary>
internal sealed class TrainerStateReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip };
    private readonly SourceInfo _source;
    private readonly IRecordSink _sink;
    private readonly LoggedRecord _record = new();
    private readonly byte[] _keyScratch = new byte[256];
    private readonly List<LogEvent> _facts = [];
    private int _historyStart = -1;
    private long? _maxSteps;
    private int? _epochs;

    public TrainerStateReader(SourceInfo source, IRecordSink sink)
    {
        _source = source;
        _sink = sink;
    }

    public FileReadResult Read(byte[] document)
    {
        ReadOnlySpan<byte> json = document;
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..]; // a BOM, which Utf8JsonReader rejects
        }

        if (JsonSpecialTokens.MayContain(json))
        {
            var quoted = Array.Empty<byte>();
            var length = JsonSpecialTokens.Quote(json, ref quoted);
            json = quoted.AsSpan(0, length);
        }

        string? problem = null;
        try
        {
            if (!ReadTopLevel(json))
            {
                return new FileReadResult(0, 0, 0, "not a JSON object");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Facts before the damage are kept; a cut document still has the history read below up to the cut.
            problem = e.Message;
        }

        foreach (var fact in _facts)
        {
            _sink.OnEvent(fact);
        }

        if (_historyStart < 0)
        {
            return new FileReadResult(0, 0, 0, problem ?? "no log_history");
        }

        var (records, unparsed, historyProblem) = ReadHistory(json[_historyStart..], CountLines(json[.._historyStart]));
        _record.Complete(_sink);
        return new FileReadResult(records, unparsed, 0, historyProblem ?? problem);
    }

    private bool ReadTopLevel(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Names and text are decoded leniently: GetString throws on invalid UTF-8.
            var name = reader.ValueIsEscaped ? "" : Encoding.UTF8.GetString(reader.ValueSpan);
            reader.Read();
            if (name == "log_history" && reader.TokenType == JsonTokenType.StartArray)
            {
                _historyStart = (int)reader.TokenStartIndex;
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetDouble(out var value):
                    NumberFact(name, value);
                    break;
                case JsonTokenType.String when name == "best_model_checkpoint":
                    _facts.Add(Fact(name, null, Encoding.UTF8.GetString(reader.ValueSpan)));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    break;
            }
        }

        _record.PlannedSteps = _maxSteps;
        _record.PlannedEpochs = _epochs;
        return true;
    }

    private void NumberFact(string name, double value)
    {
        switch (name)
        {
            case "max_steps" when value >= 1:
                _maxSteps = (long)value;
                break;
            case "num_train_epochs" when value is >= 1 and <= int.MaxValue:
                _epochs = (int)value;
                break;
        }

        _facts.Add(Fact(name, value, $"{name} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    private (long Records, long Unparsed, string? Problem) ReadHistory(ReadOnlySpan<byte> history, long lineBefore)
    {
        long records = 0;
        long unparsed = 0;
        var line = lineBefore + 1;
        var counted = 0;
        try
        {
            var reader = new Utf8JsonReader(history, Options);
            reader.Read(); // the array's `[`
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    unparsed++;
                    reader.Skip();
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                line += CountLines(history[counted..start]);
                counted = start;
                _record.Begin();
                if (!JsonRecordReader.Read(ref reader, _record, _keyScratch))
                {
                    unparsed++;
                    break;
                }

                var entry = history[start..(int)reader.BytesConsumed];
                // Offsets count in the document as read: after a BOM and any quoted `NaN` they drift by a few bytes.
                var origin = new RecordOrigin(_source, _source.Rank, line, _historyStart + start, null);
                _record.Emit(origin, entry, _sink);
                records++;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (records, unparsed + 1, e.Message);
        }

        return (records, unparsed, null);
    }

    private LogEvent Fact(string name, double? value, string text) => new()
    {
        Kind = EventKind.RunInfo,
        Source = _source,
        Line = 1,
        Rank = _source.Rank,
        Text = text.Length > EventText.MaxLength ? text[..EventText.MaxLength] : text,
        Name = name,
        Value = value,
        Attributes = value is null ? new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = text } : null,
    };

    private static long CountLines(ReadOnlySpan<byte> text) => text.Count((byte)'\n');
}
