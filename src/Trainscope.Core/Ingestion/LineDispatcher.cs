using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Formats.Text;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Cleans each line, reports it as activity, lets observers (errors, warnings) see it, and gives it to the first
/// format parser that claims it. What no format claims is counted as text.
/// </summary>
internal sealed class LineDispatcher : ILineHandler
{
    private const int UnparsedSamplesKept = 5;
    private readonly SourceInfo _source;
    private readonly SourceSummary _summary;
    private IRecordSink _sink;
    private readonly LineCleaner _cleaner;
    private ILineParser[] _observers;
    private readonly LinePrefixCache _prefixes = new();
    private IReadOnlyList<ILineFormat> _formats;
    private ILineParser[] _parsers;
    private string[] _names;
    private long[] _claimed;
    private long[] _reported;
    private bool _sawText;

    public LineDispatcher(SourceInfo source, SourceSummary summary, IRecordSink sink, LineCleaner cleaner, IReadOnlyList<ILineFormat> formats)
    {
        _source = source;
        _summary = summary;
        _sink = sink;
        _cleaner = cleaner;
        _formats = formats;
        _parsers = formats.Select(f => f.CreateParser()).ToArray();
        _names = formats.Select(f => f.Name).ToArray();
        _claimed = new long[_parsers.Length];
        _reported = new long[_parsers.Length];
        _observers = NewObservers();
    }

    public long LastLineNumber { get; private set; }

    /// <summary>
    /// True while every line with text went to the first format (none was offered to the others or left unparsed): the
    /// other parsers saw nothing, so they are as they would be had these lines been read by anyone else.
    /// </summary>
    public bool OnlyFirstFormat { get; private set; } = true;

    /// <summary>Whether the first line with text <see cref="ILineFormat.StartsFresh">starts fresh</see> for the first format.</summary>
    public bool FirstLineStartsFresh { get; private set; }

    /// <summary>
    /// This dispatcher reads a part of the file from a cut: its first parser starts from the file's head lines (a CSV
    /// header), and it and the observers assume what the lines before the cut left (<see cref="ILineParser.BeginPart"/>).
    /// </summary>
    public void BeginPart(FileHead head)
    {
        if (_parsers.Length > 0)
        {
            head.Prime(_parsers[0], _source);
            _parsers[0].BeginPart();
        }

        foreach (var observer in _observers)
        {
            observer.BeginPart();
        }
    }

    /// <summary>
    /// True when this dispatcher's part, begun with <see cref="BeginPart"/>, gave the records the first parser and the
    /// observers of <paramref name="before"/> (which read the file up to the part) would have given; they then carry
    /// on from there (<see cref="ILineParser.TryJoin"/>). On false the dispatcher is not to be used further.
    /// </summary>
    public bool TryJoin(LineDispatcher before, long renumber)
        => _parsers.Length > 0 && Join(_parsers[0], _observers, before, renumber);

    /// <summary>
    /// Reads on after <paramref name="holder"/>, whose part was taken from ahead: the first parser and the observers
    /// are replaced by new ones that carry on from <paramref name="holder"/>'s, so that lines read here next are read
    /// as after that part. False, and nothing changed, when they cannot.
    /// </summary>
    public bool TryCarryOn(LineDispatcher holder, long renumber, FileHead head)
    {
        if (_parsers.Length == 0)
        {
            return false;
        }

        var first = _formats[0].CreateParser();
        head.Prime(first, _source);
        var observers = NewObservers();
        foreach (var parser in observers.Prepend(first))
        {
            parser.BeginPart();
        }

        if (!Join(first, observers, holder, renumber))
        {
            return false;
        }

        _parsers[0] = first;
        _observers = observers;
        return true;
    }

    /// <summary>Sends this dispatcher's records elsewhere from now on (a part read ahead, then the rest read in order).</summary>
    public void RedirectTo(IRecordSink sink) => _sink = sink;

    /// <summary>The formats taking part, in the order they are tried.</summary>
    public IReadOnlyList<string> FormatNames => _names;

    /// <summary>
    /// Adds formats after the present ones (a followed file grew and now looks like more than its first lines did);
    /// present parsers keep their state.
    /// </summary>
    public void AddFormats(IEnumerable<ILineFormat> formats)
    {
        var added = formats.Where(f => !_names.Contains(f.Name)).ToArray();
        if (added.Length == 0)
        {
            return;
        }

        _formats = [.. _formats, .. added];
        _parsers = [.. _parsers, .. added.Select(f => f.CreateParser())];
        _names = [.. _names, .. added.Select(f => f.Name)];
        Array.Resize(ref _claimed, _parsers.Length);
        Array.Resize(ref _reported, _parsers.Length);
    }

    public void OnLine(ReadOnlySpan<byte> raw, long number, long offset)
    {
        LastLineNumber = number;
        switch (_cleaner.Clean(raw, out var text))
        {
            case LineStatus.Empty:
                return;
            case LineStatus.Nul:
                _summary.Skip("nul");
                return;
            case LineStatus.Binary:
                _summary.Skip("binary");
                return;
        }

        var prefix = _prefixes.Parse(text);
        var line = new LogLine(text, number, offset, _source, prefix);
        if (!_sawText)
        {
            _sawText = true;
            FirstLineStartsFresh = _formats.Count > 0 && _formats[0].StartsFresh(line);
        }

        _sink.OnLine(new LineActivity(_source, prefix.Rank ?? _source.Rank, number, offset, prefix.Timestamp));
        foreach (var observer in _observers)
        {
            observer.TryParse(line, _sink);
        }

        for (var i = 0; i < _parsers.Length; i++)
        {
            if (_parsers[i].TryParse(line, _sink))
            {
                _claimed[i]++;
                return;
            }

            OnlyFirstFormat = false;
        }

        OnlyFirstFormat = false;
        _summary.Unparsed++;
        if (_summary.UnparsedSamples.Count < UnparsedSamplesKept)
        {
            _summary.UnparsedSamples.Add((number, EventText.From(text)));
        }
    }

    public void OnTooLong(long number, long offset, long length)
    {
        LastLineNumber = number;
        _summary.Skip("too-long");
    }

    public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
    {
        // Its numbers may be cut short, so no format parses it; its text is still checked for errors.
        LastLineNumber = number;
        _summary.Skip("partial-last-line");
        if (_cleaner.Clean(start, out var text) == LineStatus.Text)
        {
            var line = new LogLine(text, number, offset, _source);
            foreach (var observer in _observers)
            {
                observer.TryParse(line, _sink);
            }
        }
    }

    /// <summary>End of input: flush parsers' pending blocks and record per-format line counts.</summary>
    public void Complete()
    {
        CompleteParsers(first: true, others: true);
        CompleteObservers();
        UpdateSummary();
    }

    /// <summary>End of input for some of the parsers (the first, the others): parts of a file read in parallel end so.</summary>
    public void CompleteParsers(bool first, bool others)
    {
        for (var i = 0; i < _parsers.Length; i++)
        {
            if (i == 0 ? first : others)
            {
                _parsers[i].Complete(_sink);
            }
        }
    }

    public void CompleteObservers()
    {
        foreach (var observer in _observers)
        {
            observer.Complete(_sink);
        }
    }

    private static ILineParser[] NewObservers() => [.. FormatRegistry.LineObservers.Select(f => f.CreateParser())];

    private static bool Join(ILineParser first, ILineParser[] observers, LineDispatcher before, long renumber)
    {
        for (var i = 0; i < observers.Length; i++)
        {
            if (!observers[i].TryJoin(before._observers[i], renumber))
            {
                return false;
            }
        }

        return first.TryJoin(before._parsers[0], renumber);
    }

    /// <summary>Writes the counts so far into the source summary (a live view asks for them while reading goes on).</summary>
    public void UpdateSummary()
    {
        for (var i = 0; i < _parsers.Length; i++)
        {
            var delta = _claimed[i] - _reported[i];
            if (delta > 0)
            {
                _summary.LinesByFormat[_names[i]] = _summary.LinesByFormat.GetValueOrDefault(_names[i]) + delta;
                _reported[i] = _claimed[i];
            }
        }

        _summary.CountFormat();
        _summary.InvalidUtf8Lines = _cleaner.InvalidUtf8Lines;
        _summary.RepairedEncoding = _cleaner.RepairedLines > 0;
    }
}
