using Trainscope.Formats;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// A file's first lines as a part's parser is primed with them (<see cref="ILineFormat.HeadLines"/>): cleaned, with
/// their numbers and offsets, and where they end. A part that begins before that end is not read ahead.
/// </summary>
internal sealed class FileHead : ILineHandler
{
    private readonly List<(byte[] Text, long Number, long Offset)> _lines = [];
    private readonly LineCleaner _cleaner;
    private readonly int _count;

    private FileHead(int count, bool repairMojibake)
    {
        _count = count;
        _cleaner = new LineCleaner { RepairMojibake = repairMojibake };
    }

    /// <summary>The byte offset just past the last head line.</summary>
    public long End { get; private set; }

    /// <summary>
    /// The first <paramref name="count"/> lines of the file's sniffed sample (read once, for format detection); null
    /// when they are not all complete within it, and the file is read in order.
    /// </summary>
    public static FileHead? Read(FileSample sample, int count, bool repairMojibake)
    {
        var head = new FileHead(count, repairMojibake);
        if (count <= 0)
        {
            return head;
        }

        using var bytes = new MemoryStream(sample.Head.ToArray(), writable: false);
        var (_, nextLine) = new LineSplitter(Math.Max(1, sample.Head.Length)).SplitCompleteLines(bytes, head);
        return nextLine > count ? head : null;
    }

    /// <summary>Gives the head lines to a part's first parser, its records dropped; nothing is counted.</summary>
    public void Prime(ILineParser parser, SourceInfo source)
    {
        foreach (var (text, number, offset) in _lines)
        {
            parser.TryParse(new LogLine(text, number, offset, source), DiscardingSink.Instance);
        }
    }

    public void OnLine(ReadOnlySpan<byte> line, long number, long offset)
    {
        if (number > _count)
        {
            return;
        }

        End = offset + line.Length + 1;
        if (_cleaner.Clean(line, out var text) == LineStatus.Text)
        {
            _lines.Add((text.ToArray(), number, offset));
        }
    }

    public void OnTooLong(long number, long offset, long length)
    {
        if (number <= _count)
        {
            End = offset + length + 1;
        }
    }

    public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
    {
    }
}
