using Trainscope.Formats.JsonLines;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.PythonDict;

/// <summary>Turns the Trainer's printed dicts into samples; the logging prefix before them gives rank and time.</summary>
internal sealed class PythonDictParser : ILineParser
{
    private readonly LoggedRecord _record = new();

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.IndexOf((byte)'{') < 0)
        {
            return false;
        }

        var prefix = LinePrefix.Parse(text);
        if (!PythonDictReader.TryLocate(text[prefix.BodyStart..], out var dict))
        {
            return false;
        }

        _record.Begin();
        if (!PythonDictReader.TryRead(dict, _record))
        {
            return false;
        }

        var origin = new RecordOrigin(line.Source, prefix.Rank ?? line.Source.Rank, line.Number, line.Offset, prefix.Timestamp);
        _record.Emit(origin, text, sink);
        return true;
    }

    public void Complete(IRecordSink sink) => _record.Complete(sink);
}
