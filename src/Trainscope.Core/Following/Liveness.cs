using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>
/// Wall-clock liveness of each (source, rank) of a followed run: when it last wrote a line and how often it usually
/// writes. A line's own timestamp may be missing or in another clock, so arrival time on this machine is what counts.
/// </summary>
public sealed class Liveness : IRecordSink
{
    private readonly Dictionary<(int Source, int Rank), Entry> _entries = [];
    private (int, int) _lastKey = (-1, int.MinValue);
    private Entry? _lastEntry;

    /// <summary>The time of the poll delivering the lines (set once per poll, not read per line).</summary>
    public DateTime Now { get; set; } = DateTime.UtcNow;

    public IReadOnlyCollection<Entry> Entries => _entries.Values;

    public void OnMetric(in MetricSample sample)
    {
    }

    public void OnEvent(LogEvent logEvent)
    {
    }

    public void OnLine(in LineActivity activity)
    {
        var key = (activity.Source.Id, activity.Rank ?? -1);
        var entry = key == _lastKey ? _lastEntry! : Find(key, activity);
        entry.See(Now, activity.Line, activity.Offset);
    }

    private Entry Find((int Source, int Rank) key, in LineActivity activity)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(activity.Source, activity.Rank);
            _entries[key] = entry;
        }

        _lastKey = key;
        _lastEntry = entry;
        return entry;
    }

    /// <summary>One (source, rank): its silence timer.</summary>
    public sealed class Entry
    {
        private const int GapsKept = 32;
        private readonly Queue<double> _gaps = new();

        public Entry(SourceInfo source, int? rank)
        {
            Source = source;
            Rank = rank;
        }

        public SourceInfo Source { get; }

        public int? Rank { get; }

        public DateTime LastArrival { get; private set; }

        public long LastLine { get; private set; }

        public long LastOffset { get; private set; }

        public long Lines { get; private set; }

        /// <summary>The median of the recent gaps between polls that brought lines; null until a few were seen.</summary>
        public double? TypicalGapSeconds
        {
            get
            {
                if (_gaps.Count < 2)
                {
                    return null;
                }

                var sorted = _gaps.Order().ToArray();
                return sorted[sorted.Length / 2];
            }
        }

        public double SilentSeconds(DateTime now) => Math.Max(0, (now - LastArrival).TotalSeconds);

        internal void See(DateTime now, long line, long offset)
        {
            Lines++;
            LastLine = line;
            LastOffset = offset;
            if (now <= LastArrival)
            {
                return;
            }

            if (LastArrival != default)
            {
                _gaps.Enqueue((now - LastArrival).TotalSeconds);
                if (_gaps.Count > GapsKept)
                {
                    _gaps.Dequeue();
                }
            }

            LastArrival = now;
        }
    }
}
