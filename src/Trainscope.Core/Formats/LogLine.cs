using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats;

/// <summary>One line of a text log as formats see it: UTF-8 bytes with terminators and ANSI escapes removed.</summary>
public readonly ref struct LogLine
{
    public LogLine(ReadOnlySpan<byte> text, long number, long offset, SourceInfo source)
        : this(text, number, offset, source, LinePrefix.Parse(text))
    {
    }

    /// <summary>A line whose logging prefix was already read (by the reader, once for every format that looks at it).</summary>
    public LogLine(ReadOnlySpan<byte> text, long number, long offset, SourceInfo source, LinePrefix prefix)
    {
        Text = text;
        Number = number;
        Offset = offset;
        Source = source;
        Prefix = prefix;
    }

    /// <summary>The line's bytes (valid or repaired UTF-8 is the rule; formats must tolerate anything).</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>1-based line number counted on `\n`, as editors and `grep -n` count. `\r` redraws share their line's number.</summary>
    public long Number { get; }

    /// <summary>Byte offset of the line's first byte in the file.</summary>
    public long Offset { get; }

    public SourceInfo Source { get; }

    /// <summary>The line's logging prefix (rank, time, level) and where its body starts, as <see cref="LinePrefix.Parse"/> reads it.</summary>
    public LinePrefix Prefix { get; }

    /// <summary>Builds a line from text, for tests and for formats that re-feed part of a line.</summary>
    public static LogLine FromString(string text, SourceInfo source, long number = 1, long offset = 0)
        => new(System.Text.Encoding.UTF8.GetBytes(text), number, offset, source);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Text);
}
