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
    /// <see cref="ILineFormat.StartsFresh">starts fresh</see> (observers: any line). Unless a parser joins parts itself
    /// (<see cref="TryJoin"/>), parallel reading joins parts only where it is idle; the default, never, keeps files on
    /// one thread.
    /// </summary>
    bool IsIdle => false;

    /// <summary>
    /// Reading starts at a cut, not at the file's start (after the head lines, if any). A parser that carries something
    /// from record to record (facts already reported, the last position) assumes here what it would most likely carry,
    /// and notes what its records depended on, so that <see cref="TryJoin"/> can check the assumption. The default
    /// assumes nothing.
    /// </summary>
    void BeginPart()
    {
    }

    /// <summary>
    /// After reading a part from <see cref="BeginPart"/>: true when every record emitted since is what
    /// <paramref name="before"/> — a parser of the same format that read the file up to the part — would have emitted
    /// reading on. This parser then carries on as <paramref name="before"/> would have after the part: what the part did
    /// not replace is taken from it, its line numbers plus <paramref name="renumber"/> being this parser's. False when
    /// the records may differ; the parser is then not to be used further. The default holds when
    /// <paramref name="before"/> is idle.
    /// </summary>
    bool TryJoin(ILineParser before, long renumber) => before.IsIdle;

    /// <summary>End of input: emit whatever a pending multi-line block holds.</summary>
    void Complete(IRecordSink sink)
    {
    }
}
