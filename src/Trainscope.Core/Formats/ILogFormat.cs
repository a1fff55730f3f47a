namespace Trainscope.Formats;

/// <summary>A log format: how to recognise it. Line formats and whole-file formats derive from this.</summary>
public interface ILogFormat
{
    /// <summary>Stable kebab-case name (`metric-logger`, `json-lines`), used by `--format` and in reports.</summary>
    string Name { get; }

    /// <summary>One sentence for `trainscope formats`.</summary>
    string Description { get; }

    /// <summary>One example line (or excerpt) of the format.</summary>
    string Example { get; }

    /// <summary>How sure the format is that the file is (or contains) its kind: 0 = not at all, 1 = certain.</summary>
    double Sniff(FileSample sample);
}

/// <summary>A text format read line by line. A file may mix several; each line goes to the first parser that claims it.</summary>
public interface ILineFormat : ILogFormat
{
    /// <summary>A parser for one source; it may keep state across lines (multi-line blocks, CSV headers).</summary>
    ILineParser CreateParser();

    /// <summary>
    /// True when a large file may be cut before this line and the part from it read on its own: a parser of this format
    /// that is <see cref="ILineParser.IsIdle">idle</see>, whatever it read before, is in one and the same state after
    /// this line (the line sets everything an idle parser remembers), or a parser that begins a part here can tell
    /// whether its records depend on what it did not read (<see cref="ILineParser.TryJoin"/>). The default, never,
    /// keeps the format's files on one thread.
    /// </summary>
    bool StartsFresh(in LogLine line) => false;

    /// <summary>
    /// A look at a line's cleaned text before its logging prefix is read: false only where <see cref="StartsFresh"/>
    /// would be false. Planning the parts of a large file asks it of every line between a cut and the line it is made
    /// before, so a format whose such lines are rare answers it from the bytes.
    /// </summary>
    bool MayStartFresh(ReadOnlySpan<byte> text) => true;

    /// <summary>
    /// How many of a file's first lines may set what a parser keeps for the rest of the file (a CSV header). A part of a
    /// large file read on its own starts with a parser that has read these lines, and no other, to a sink that drops
    /// their records; such a parser counts as idle.
    /// </summary>
    int HeadLines => 0;
}

/// <summary>A format read as a whole (binary event files, one JSON document).</summary>
public interface IFileFormat : ILogFormat
{
    /// <summary>Reads the whole stream into records; bad parts are counted in the result, never thrown.</summary>
    FileReadResult Read(Stream stream, Records.SourceInfo source, Records.IRecordSink sink, CancellationToken cancellationToken = default);
}

/// <summary>What a whole-file format made of its input.</summary>
public readonly record struct FileReadResult(long Records, long Unparsed, long Skipped, string? Problem = null);
