using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Ingestion;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>
/// Follows one source: the same cleaning and dispatching as <see cref="SourceIngestor"/>, but kept alive across polls
/// so parsers keep their state and only new complete lines are fed. Formats are detected again while the file is still
/// shorter than the detection sample (a log's first lines rarely show every format it will use). Whole-file formats are
/// re-read when the file changes and only records past those already delivered are passed on.
/// </summary>
public sealed class SourceTail : IFollowTarget, IDisposable
{
    private static readonly TimeSpan WholeFileReadGap = TimeSpan.FromSeconds(1);
    private readonly IngestOptions _ingest;
    private readonly IFollowSink? _feed;
    private readonly CountingSink _counting;
    private readonly LineCleaner _cleaner = new();
    private readonly FileFollower _follower;
    private LineDispatcher? _dispatcher;
    private long _sniffed;
    private IFileFormat? _wholeFile;
    private long _wholeFileRecords;
    private (long Length, DateTime Written) _wholeFileSeen = (-1, default);
    private DateTime _wholeFileReadAt;

    public SourceTail(SourceInfo source, IRecordSink sink, IFollowSink? feed, IngestOptions ingest, FollowOptions options)
    {
        Source = source;
        Summary = new SourceSummary(source);
        _ingest = ingest;
        _feed = feed;
        _counting = new CountingSink(sink);
        _follower = new FileFollower(source.Path, options, ingest.MaxLineLength);
    }

    public SourceInfo Source { get; }

    public SourceSummary Summary { get; }

    public FileFollower Follower => _follower;

    /// <summary>Reads what is new; returns the bytes consumed (for whole-file formats, the file length when re-read).</summary>
    public long Poll()
    {
        if (_wholeFile is null && (_dispatcher is null || (_sniffed < _ingest.SniffBytes && _follower.Offset > _sniffed)))
        {
            Detect();
        }

        return _wholeFile is { } format ? PollWholeFile(format) : _follower.Poll(this);
    }

    /// <summary>The source's counts so far, for a snapshot of the run.</summary>
    public SourceSummary Snapshot()
    {
        _dispatcher?.UpdateSummary();
        if (_wholeFile is null)
        {
            Summary.Lines = Math.Max(Summary.Lines, _dispatcher?.LastLineNumber ?? 0);
            Summary.Bytes = _follower.Offset;
        }

        Summary.Records = _counting.Records;
        Summary.FirstTimestamp = _counting.FirstTimestamp;
        Summary.LastTimestamp = _counting.LastTimestamp;
        return Summary;
    }

    /// <summary>End of following: parsers flush what pending blocks hold.</summary>
    public void Finish()
    {
        _dispatcher?.Complete();
        _dispatcher = null;
    }

    public void OnLine(ReadOnlySpan<byte> line, long number, long offset)
    {
        if (Dispatcher() is not { } dispatcher)
        {
            return;
        }

        dispatcher.OnLine(line, number, offset);
        _feed?.OnLineRead(Source, line, number);
    }

    public void OnTooLong(long number, long offset, long length) => Dispatcher()?.OnTooLong(number, offset, length);

    public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
        => Dispatcher()?.OnPartialLastLine(start, number, offset, length);

    public void OnNotice(FollowNotice notice)
    {
        if (notice.StartsOver && _dispatcher is not null)
        {
            // New content from offset 0: a new file has its own headers and blocks, so parsers start over.
            Summary.Lines = Math.Max(Summary.Lines, _dispatcher.LastLineNumber);
            _dispatcher.Complete();
            _dispatcher = null;
            _sniffed = 0;
        }

        _feed?.OnNotice(notice with { Source = Source });
    }

    public void Dispose() => _follower.Dispose();

    private LineDispatcher? Dispatcher()
    {
        if (_dispatcher is null && _wholeFile is null)
        {
            Detect();
        }

        return _dispatcher;
    }

    private void Detect()
    {
        if (ReadSample() is not { } sample)
        {
            return;
        }

        var choice = _ingest.LineFormats is { } forced ? new FormatChoice(null, forced) : FormatDetector.Choose(sample, _ingest.Format);
        if (choice.FileFormat is { } fileFormat)
        {
            if (_dispatcher is null || _counting.Records == 0)
            {
                _dispatcher = null;
                _wholeFile = fileFormat;
                Summary.Format = fileFormat.Name;
            }

            return;
        }

        _cleaner.RepairMojibake = MojibakeRepair.Detect(sample.Lines);
        if (_dispatcher is null)
        {
            _dispatcher = new LineDispatcher(Source, Summary, _counting, _cleaner, choice.LineFormats);
        }
        else
        {
            _dispatcher.AddFormats(choice.LineFormats);
        }

        _sniffed = sample.Head.Length;
    }

    private FileSample? ReadSample()
    {
        try
        {
            using var stream = new FileStream(Source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var buffer = new byte[(int)Math.Min(_ingest.SniffBytes, Math.Max(0, stream.Length))];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            // A followed file is still growing: its last line may be half-written, so the sample is never "whole".
            return new FileSample(Path.GetFileName(Source.Path), buffer.AsMemory(0, read), headIsWholeFile: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private long PollWholeFile(IFileFormat format)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(Source.Path);
            if (!info.Exists || (info.Length, info.LastWriteTimeUtc) == _wholeFileSeen || DateTime.UtcNow - _wholeFileReadAt < WholeFileReadGap)
            {
                return 0;
            }

            _wholeFileSeen = (info.Length, info.LastWriteTimeUtc);
            _wholeFileReadAt = DateTime.UtcNow;
            using var stream = new FileStream(Source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            var skipper = new RecordSkipper(_counting, _wholeFileRecords);
            var result = format.Read(stream, Source, skipper);
            _wholeFileRecords = Math.Max(_wholeFileRecords, skipper.Seen);
            Summary.LinesByFormat[format.Name] = _wholeFileRecords;
            Summary.Lines = result.Records + result.Unparsed + result.Skipped;
            Summary.Unparsed = result.Unparsed;
            Summary.Bytes = info.Length;
            Summary.ModifiedTime = info.LastWriteTime;
            return info.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
