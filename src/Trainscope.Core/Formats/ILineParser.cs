using Trainscope.Records;

namespace Trainscope.Formats;

/// <summary>Turns lines of one source into records.</summary>
public interface ILineParser
{
    /// <summary>
    /// Returns true when the line belongs to this format (it may produce no record, e.g. a header the parser remembers);
    /// false lets the next format try it.
    /// </summary>
    bool TryParse(in LogLine line, IRecordSink sink);

    /// <summary>End of input: emit whatever a pending multi-line block holds.</summary>
    void Complete(IRecordSink sink)
    {
    }
}
