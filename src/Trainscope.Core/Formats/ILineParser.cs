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

    /// <summary>
    /// True when nothing is pending: <see cref="Complete"/> would emit nothing, and the next line is read as a parser
    /// that has read only the file's <see cref="ILineFormat.HeadLines">head lines</see> would read it if that line
    /// <see cref="ILineFormat.StartsFresh">starts fresh</see> (observers: any line). Parallel reading joins parts only
    /// where the parsers are idle; the default, never, keeps files on one thread.
    /// </summary>
    bool IsIdle => false;

    /// <summary>End of input: emit whatever a pending multi-line block holds.</summary>
    void Complete(IRecordSink sink)
    {
    }
}
