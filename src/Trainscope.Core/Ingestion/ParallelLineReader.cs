using System.Collections.Concurrent;
using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Reads a large text file in parts on all cores and passes on exactly the records, in exactly the order, that reading
/// it from start to end gives. Parts begin at lines that start fresh for the file's first format and are read ahead by
/// new dispatchers. A part read ahead is taken when it could not have come out otherwise: every line of it went to the
/// first format (so the other formats, which saw none of it, are as they would be), and its first parser and observers
/// join the file's state before it (<see cref="ILineParser.TryJoin"/>: by default, that state was idle; a parser that
/// carries facts or positions from record to record checks what its records depended on). Any other part is read
/// again, in order, by the dispatcher that holds the file's state, which carries on from the parts taken before it;
/// when many parts are so, reading goes on in order alone. When the sink can fold parts apart
/// (<see cref="IMergingSink"/>: the run aggregator), a part's records are folded on the core that read it and only the
/// merge is left for the reader; otherwise they are kept and passed on.
/// </summary>
internal sealed class ParallelLineReader
{
    /// <summary>Reading ahead stops once more than one part in this many had to be read again (twice the work for those).</summary>
    private const int RejectedShareLimit = 4;

    private readonly SourceInfo _source;
    private readonly SourceSummary _summary;
    private readonly IRecordSink _sink;
    private readonly IMergingSink? _merging;
    private readonly IReadOnlyList<ILineFormat> _formats;
    private readonly bool _repairMojibake;
    private readonly int _maxLineLength;
    private readonly List<long> _starts;
    private readonly long _length;
    private readonly Part[] _parts;
    private readonly ConcurrentBag<RecordBatch> _pool = [];
    private readonly SemaphoreSlim _window;
    private readonly long _maxValuesPerPart;
    private readonly FileHead _head;
    private readonly object _claims = new();
    private int _nextPart;
    private bool _speculating = true;

    private ParallelLineReader(SourceInfo source, SourceSummary summary, IRecordSink sink, IReadOnlyList<ILineFormat> formats,
        bool repairMojibake, IngestOptions options, List<long> starts, long length, int workers, FileHead head)
    {
        _head = head;
        var maxLineLength = options.MaxLineLength;
        _maxValuesPerPart = options.MaxValuesPerPart;
        (_source, _summary, _sink, _formats) = (source, summary, sink, formats);
        _merging = sink as IMergingSink;
        (_repairMojibake, _maxLineLength, _starts, _length) = (repairMojibake, maxLineLength, starts, length);
        _parts = new Part[starts.Count];
        for (var i = 0; i < _parts.Length; i++)
        {
            _parts[i] = new Part(starts[i], i + 1 < starts.Count ? starts[i + 1] : length, i == starts.Count - 1);
        }

        // Parts read ahead but not yet passed on hold their records: a few per worker bound the memory.
        _window = new SemaphoreSlim(workers + 1);
    }

    /// <summary>
    /// Reads the file in parts when it can be cut; false (nothing read) when it cannot, and it is to be read in order.
    /// Returns the last line's number through <paramref name="lastLine"/>.
    /// </summary>
    public static bool TryRead(SourceInfo source, FileSample sample, SourceSummary summary, IRecordSink sink, IReadOnlyList<ILineFormat> formats,
        bool repairMojibake, IngestOptions options, out long lastLine)
    {
        lastLine = 0;
        var workers = Math.Max(1, options.Parallelism);
        if (formats.Count == 0 || workers < 2)
        {
            return false;
        }

        List<long> starts;
        long length;
        FileHead? head;
        using (var file = File.OpenHandle(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = RandomAccess.GetLength(file);
            if (length < options.ParallelAboveBytes)
            {
                return false;
            }

            starts = PartPlan.Starts(file, length, options.PartBytes, formats[0], source, repairMojibake, workers);
            head = FileHead.Read(sample, formats[0].HeadLines, repairMojibake);
        }

        if (starts.Count < 2 || head is null)
        {
            return false;
        }

        var reader = new ParallelLineReader(source, summary, sink, formats, repairMojibake, options, starts, length, workers, head);
        lastLine = reader.Run(workers);
        return true;
    }

    private long Run(int workers)
    {
        var threads = Enumerable.Range(0, Math.Min(workers, _parts.Length))
            .Select(i => new Thread(ReadAhead) { IsBackground = true, Name = $"trainscope-part-{i}" })
            .ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        try
        {
            return PassOn();
        }
        finally
        {
            StopReadingAhead();
            _window.Release(_parts.Length);
            foreach (var thread in threads)
            {
                thread.Join();
            }

            foreach (var part in _parts)
            {
                part.Records?.Release();
            }
        }
    }

    /// <summary>Takes parts in order: passes on those read ahead when they may be, reads the others itself.</summary>
    private long PassOn()
    {
        LineDispatcher? main = null;      // holds the file's state as read so far, carrying on after parts taken from ahead
        LineDispatcher? holder = null;    // read the last line passed on: its first format and observers end the file
        var summaries = new List<SourceSummary>();
        var mainSummary = new SourceSummary(_source);
        var cleaner = new LineCleaner { RepairMojibake = _repairMojibake };
        long lines = 0;                   // lines before the next part
        long lastLine = 0;
        var rejections = 0;
        for (var k = 0; k < _parts.Length; k++)
        {
            var part = _parts[k];
            var readAhead = WaitFor(k);
            if (readAhead && part.Failure is { } failure)
            {
                throw new InvalidOperationException($"reading {_source.DisplayPath} from byte {part.Start} failed", failure);
            }

            // The part's line numbers count from 1 and the main dispatcher's from the file's start. A part is taken
            // only when the main dispatcher can then carry on from it (not when it ends in an open traceback), since the
            // part after it may have to be read in order.
            var take = readAhead && (k == 0 || (part.Dispatcher!.OnlyFirstFormat && part.Dispatcher.FirstLineStartsFresh
                && part.Dispatcher.TryJoin(main!, -lines) && (part.IsLast || main!.TryCarryOn(part.Dispatcher, lines, _head))));
            if (take)
            {
                var shifted = lines == 0 ? _sink : new LineShift(_sink, lines);
                if (part.Folded is { } folded)
                {
                    _merging!.MergePart(folded, lines);
                }
                else
                {
                    part.Records!.ReplayInto(shifted);
                }

                // What the part's parsers still emit (at the end of the file) belongs after its lines.
                part.Dispatcher!.RedirectTo(shifted);
                if (k == 0)
                {
                    main = part.Dispatcher;
                    mainSummary = part.Summary!;
                }
                else
                {
                    summaries.Add(part.Summary!);
                }

                holder = part.Dispatcher;
                _summary.PartsReadAhead++;
                lastLine = lines + part.Dispatcher.LastLineNumber;
                lines += part.Lines;
            }
            else
            {
                if (++rejections >= 2 && rejections * RejectedShareLimit > k + 1)
                {
                    StopReadingAhead();
                }

                main ??= new LineDispatcher(_source, mainSummary, _sink, cleaner, _formats);
                main.RedirectTo(_sink);
                var read = ReadPart(part, main, lines + 1);
                holder = main;
                lastLine = main.LastLineNumber;
                lines += read;
            }

            part.Records?.Release();
            part.Records = null;
            part.Folded = null;
            if (part.Done.IsSet)
            {
                // A worker took it (whether or not its reading could be used): its place in the window is free.
                _window.Release();
            }
        }

        Complete(main!, holder!);
        foreach (var summary in summaries.Prepend(mainSummary))
        {
            _summary.Absorb(summary);
        }

        // The report lists formats as the counts hold them: as one reader would have met them.
        _summary.OrderFormats([.. _formats.Select(f => f.Name)]);
        return lastLine;
    }

    /// <summary>
    /// End of input, as one dispatcher would end it: the first format's parser that read the last part, the other
    /// formats' parsers (which only the main dispatcher fed), then the observers that saw the last line.
    /// </summary>
    private static void Complete(LineDispatcher main, LineDispatcher holder)
    {
        if (ReferenceEquals(main, holder))
        {
            main.Complete();
            return;
        }

        holder.CompleteParsers(first: true, others: false);
        main.CompleteParsers(first: false, others: true);
        holder.CompleteObservers();
        holder.UpdateSummary();
        main.UpdateSummary();
    }

    /// <summary>Waits until part k was read ahead; false when no worker took it (reading ahead had stopped).</summary>
    private bool WaitFor(int k)
    {
        lock (_claims)
        {
            if (!_speculating && k >= _nextPart)
            {
                return false;
            }
        }

        _parts[k].Done.Wait();
        return _parts[k].Dispatcher is not null || _parts[k].Failure is not null;
    }

    private void StopReadingAhead()
    {
        lock (_claims)
        {
            _speculating = false;
        }
    }

    private int ClaimNext()
    {
        lock (_claims)
        {
            return _speculating && _nextPart < _parts.Length ? _nextPart++ : -1;
        }
    }

    private void ReadAhead()
    {
        while (true)
        {
            _window.Wait();
            var k = ClaimNext();
            if (k < 0)
            {
                return;
            }

            var part = _parts[k];
            try
            {
                if (k > 0 && part.Start < _head.End)
                {
                    // It begins among the head lines a parser of a later part starts from: read in order.
                    continue;
                }

                try
                {
                    ReadAheadPart(part, k, fold: true);
                }
                catch (PartRefusedException)
                {
                    // The sink would rather not fold this one (see IMergingSink): it is kept as records instead.
                    part.Folded = null;
                    ReadAheadPart(part, k, fold: false);
                }
            }
            catch (PartTooLargeException)
            {
                // Not read ahead after all: the reader takes it in order, so memory stays bounded.
                part.Records?.Release();
                part.Records = null;
                part.Folded = null;
            }
            catch (Exception e)
            {
                part.Failure = e;
            }
            finally
            {
                part.Done.Set();
            }
        }
    }

    /// <summary>Reads a part ahead, folded apart by the sink when it can and <paramref name="fold"/> says so, else into records.</summary>
    private void ReadAheadPart(Part part, int k, bool fold)
    {
        part.Summary = new SourceSummary(_source);
        IRecordSink target;
        if (fold && _merging?.StartPart() is { } folded)
        {
            // The sink folds the part here, on this core; only the merge is left for the reader.
            part.Folded = folded;
            target = new PartLimit(folded, _maxValuesPerPart);
        }
        else
        {
            target = part.Records = new RecordBuffer(_pool, _maxValuesPerPart);
        }

        var dispatcher = new LineDispatcher(_source, part.Summary, target, new LineCleaner { RepairMojibake = _repairMojibake }, _formats);
        if (k > 0)
        {
            dispatcher.BeginPart(_head);
        }

        part.Lines = ReadPart(part, dispatcher, 1);
        dispatcher.UpdateSummary();
        part.Dispatcher = dispatcher;
    }

    /// <summary>Reads the part's bytes through the dispatcher, numbering from <paramref name="firstLine"/>; returns its line count.</summary>
    private long ReadPart(Part part, LineDispatcher dispatcher, long firstLine)
    {
        using var file = Open(_source);
        file.Position = part.Start;
        var range = new StreamRange(file, part.End - part.Start);
        var splitter = new LineSplitter(_maxLineLength);
        if (part.IsLast)
        {
            splitter.Split(range, dispatcher, part.Start, firstLine);
            return dispatcher.LastLineNumber - firstLine + 1;
        }

        // A part other than the last ends just after a `\n`, so no line is held back.
        var (_, nextLine) = splitter.SplitCompleteLines(range, dispatcher, part.Start, firstLine);
        return nextLine - firstLine;
    }

    private static FileStream Open(SourceInfo source)
        => new(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    private sealed class Part(long start, long end, bool isLast)
    {
        public long Start { get; } = start;
        public long End { get; } = end;
        public bool IsLast { get; } = isLast;
        public ManualResetEventSlim Done { get; } = new();
        public LineDispatcher? Dispatcher { get; set; }
        public SourceSummary? Summary { get; set; }
        public RecordBuffer? Records { get; set; }

        /// <summary>The part as the sink folded it apart (<see cref="IMergingSink.StartPart"/>), else null.</summary>
        public IRecordSink? Folded { get; set; }
        public long Lines { get; set; }
        public Exception? Failure { get; set; }
    }
}
