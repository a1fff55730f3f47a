using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// The values of a run: every series (statistics and kept points) and the epoch table. A run's aggregator holds one;
/// a part of a file read on its own fills another (<see cref="ForPart"/>), merged into the run's in order.
/// </summary>
internal sealed class SeriesTable
{
    private const int SlotCount = 256;

    /// <summary>
    /// Epochs a part's table keeps before it refuses the part (<see cref="PartRefusedException"/>): each is an entry with
    /// its own stats, so a part of many short epochs (one JSON record an epoch) is cheaper replayed in order.
    /// </summary>
    private const int PartEpochLimit = 256;
    private const int LayoutCount = 8;

    private readonly Dictionary<SeriesKey, SeriesSummary> _series = [];
    private readonly Dictionary<(int Epoch, Phase Phase), EpochSummary> _epochs = [];
    private readonly int _pointCapacity;
    private readonly int _maxEpochs;
    private readonly bool _isPart;
    private readonly SeriesSlot[] _slots = new SeriesSlot[SlotCount];
    private readonly SeriesSlot[]?[] _layouts = new SeriesSlot[LayoutCount][];
    private readonly Stack<PartColumn> _spareColumns = new();
    private long _epochsNotKept;
    private EpochSummary? _notKept;
    private EpochSummary? _lastEpoch;
    // The last epoch of each phase past the table's limit, so one that goes on (next line, next part) counts once.
    private readonly int[] _lastDropped = [int.MinValue, int.MinValue, int.MinValue, int.MinValue];

    // A part's table begun when the run's table was full drops every epoch, and notes the first it dropped per phase.
    private readonly int[] _firstDropped = [int.MinValue, int.MinValue, int.MinValue, int.MinValue];
    private bool _dropEpochs;
    private volatile bool _full;

    public SeriesTable(int pointCapacity, int maxEpochs)
        : this(pointCapacity, maxEpochs, isPart: false)
    {
    }

    private SeriesTable(int pointCapacity, int maxEpochs, bool isPart)
    {
        (_pointCapacity, _maxEpochs, _isPart) = (pointCapacity, maxEpochs, isPart);
    }

    /// <summary>
    /// A table for a part of a file read on its own: series keep every point and epochs are not limited (the part's
    /// size bounds both), so the merge can fold them exactly as reading in order would have.
    /// </summary>
    public static SeriesTable ForPart() => new(0, int.MaxValue, isPart: true);

    public long EpochsNotKept => _epochsNotKept;

    /// <summary>Whether the epoch table holds all it may: later epochs are not kept. Read from other threads.</summary>
    public bool IsFull => _full;

    /// <summary>Starts a part's table; <paramref name="dropEpochs"/> when the run's table is full (see <see cref="IsFull"/>).</summary>
    public void Begin(bool dropEpochs) => _dropEpochs = dropEpochs;

    /// <summary>Empties a part's table for the next part, keeping its lists (their capacity is the point of reuse).</summary>
    public void Clear()
    {
        foreach (var series in _series.Values)
        {
            if (series.ReleaseColumn() is { } column)
            {
                _spareColumns.Push(column);
            }
        }

        _series.Clear();
        _epochs.Clear();
        Array.Clear(_slots);
        Array.Clear(_layouts);
        (_epochsNotKept, _notKept, _lastEpoch, _dropEpochs) = (0, null, null, false);
        Array.Fill(_lastDropped, int.MinValue);
        Array.Fill(_firstDropped, int.MinValue);
    }

    /// <summary>Series in order of first appearance.</summary>
    public IEnumerable<SeriesSummary> Series => _series.Values;

    public IEnumerable<EpochSummary> Epochs => _epochs.Values;

    /// <summary>
    /// One point value (its sample's kind is <see cref="SampleKind.Point"/>). A part's table takes the index of the
    /// sample's line head in the part (<paramref name="head"/>) instead of a point.
    /// </summary>
    public void Add(in MetricSample sample, int head = -1)
    {
        ref var slot = ref Slot(sample.Name, sample.Phase, sample.Rank, sample.Position);
        if (_isPart)
        {
            slot.Column!.Add(sample.Value, sample.Average, head);
        }
        else
        {
            AddPoint(slot.Series!, sample, sample.Value, sample.Average);
        }

        if (sample.Position.Epoch is int epoch)
        {
            AddToEpoch(ref slot, epoch, sample.Timestamp, sample.Value, firstOfLine: true);
        }
    }

    /// <summary>
    /// The point values of one line. The series of each value position are remembered per line layout, so a line
    /// shaped like an earlier one finds its series by comparing name references instead of hashing names. A part's
    /// table takes the index of the line's head in the part (<paramref name="head"/>) instead of points.
    /// </summary>
    public void AddLine(in MetricSample line, ReadOnlySpan<MetricValue> values, int head = -1)
    {
        if (_isPart && line.Position.Epoch is int lineEpoch)
        {
            AddPartLine(line, values, head, lineEpoch);
            return;
        }

        var layout = Layout(values);
        var rank = line.Rank;
        var epoch = line.Position.Epoch;
        for (var i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            ref var slot = ref layout[i];
            if (!ReferenceEquals(slot.Name, value.Name) || slot.Phase != value.Phase || slot.Rank != rank)
            {
                slot = NewSlot(value.Name, value.Phase, rank, line.Position);
            }

            // Two loops' worth of code in one: the branch is the same for every value of a table, so it predicts.
            if (_isPart)
            {
                slot.Column!.Add(value.Value, value.Average, head);
            }
            else
            {
                AddPoint(slot.Series!, line, value.Value, value.Average);
            }

            if (epoch is int e)
            {
                AddToEpoch(ref slot, e, line.Timestamp, value.Value, firstOfLine: i == 0 || values[i - 1].Phase != value.Phase);
            }
        }
    }

    /// <summary>An epoch mean, minimum or maximum the job printed.</summary>
    public void AddEpochSummary(in MetricSample sample)
    {
        if (sample.Position.Epoch is not int epoch)
        {
            return;
        }

        var summary = Epoch(epoch, sample.Phase);
        summary.See(sample.Timestamp);
        var stat = summary.Stat(sample.Name);
        switch (sample.Kind)
        {
            case SampleKind.EpochMean:
                stat.PrintedMean = sample.Average ?? sample.Value;
                break;
            case SampleKind.EpochMin:
                stat.PrintedMin = sample.Value;
                break;
            case SampleKind.EpochMax:
                stat.PrintedMax = sample.Value;
                break;
        }
    }

    /// <summary>
    /// Folds in a part's table (<see cref="ForPart"/>) as if its values arrived now, their lines moved by
    /// <paramref name="lines"/>: series fold the part's values in order. An epoch's statistics are taken as the part
    /// summed them when the epoch is new here; an epoch begun before the part adds the part's values one by one, so its
    /// sums come out as reading in order makes them.
    /// </summary>
    public void Merge(SeriesTable part, ReadOnlySpan<MetricSample> heads, long lines)
    {
        foreach (var series in part._series.Values)
        {
            SeriesFor(series.Key, series.Axis).Merge(series, heads, lines);
        }

        if (part._dropEpochs)
        {
            // Its epochs were dropped as it folded; one that goes on from the last dropped here counts once.
            _epochsNotKept += part._epochsNotKept;
            for (var p = 0; p < _lastDropped.Length; p++)
            {
                if (part._firstDropped[p] != int.MinValue)
                {
                    _epochsNotKept -= part._firstDropped[p] == _lastDropped[p] ? 1 : 0;
                    _lastDropped[p] = part._lastDropped[p];
                }
            }
        }

        List<Continued>? continued = null;
        foreach (var summary in part._epochs.Values)
        {
            var target = Epoch(summary.Epoch, summary.Phase);
            target.MergeSpan(summary);
            var reported = !ReferenceEquals(target, _notKept);
            foreach (var (name, stat) in summary.Metrics)
            {
                var mine = target.Stat(name);
                // Past the table's limit every epoch lands in the one summary never reported: its sums need no order.
                if (reported && mine.Count > 0 && stat.Count > 0)
                {
                    (continued ??= []).Add(new Continued(summary.Epoch, summary.Phase, name, mine, stat, []));
                }
                else
                {
                    mine.Merge(stat);
                }
            }
        }

        if (continued is not null)
        {
            AddInOrder(continued, part, heads);
        }
    }

    /// <summary>
    /// Adds the part's values of epochs begun before the part to their stats in the order of their lines (ranks
    /// interleave), in one pass over the part's series: a stat summed from two partial sums would differ from reading
    /// in order in the last bits. A stat fed by one series (one rank) takes its values as the column holds them, in line
    /// order already; only a stat of several ranks' series collects its values to put them back in line order.
    /// </summary>
    private static void AddInOrder(List<Continued> continued, SeriesTable part, ReadOnlySpan<MetricSample> heads)
    {
        var feeding = new List<(SeriesSummary Series, List<Continued> Stats)>();
        foreach (var series in part._series.Values)
        {
            if (series.Column is not { Count: > 0 })
            {
                continue;
            }

            List<Continued>? stats = null;
            foreach (var c in continued)
            {
                if (c.Phase == series.Key.Phase && c.Name == series.Key.Name)
                {
                    (stats ??= []).Add(c);
                    c.Series++;
                }
            }

            if (stats is not null)
            {
                feeding.Add((series, stats));
            }
        }

        foreach (var (series, stats) in feeding)
        {
            var column = series.Column!;
            var values = column.Values;
            for (var i = 0; i < values.Length; i++)
            {
                var head = column.HeadIndex(i);
                if (heads[head].Position.Epoch is not int epoch)
                {
                    continue;
                }

                foreach (var c in CollectionsMarshal.AsSpan(stats))
                {
                    if (c.Epoch == epoch)
                    {
                        if (c.Series == 1)
                        {
                            c.Mine.Add(values[i].Value);
                        }
                        else
                        {
                            c.Values.Add((head, values[i].Value));
                        }

                        break;
                    }
                }
            }
        }

        foreach (var c in continued)
        {
            if (c.Series > 1)
            {
                // A line has one rank, so its values are told apart by their head; a stable sort keeps a rank's order.
                foreach (var (_, value) in c.Values.OrderBy(v => v.Head))
                {
                    c.Mine.Add(value);
                }
            }

            c.Mine.TakePrinted(c.Part);
        }
    }

    /// <summary>
    /// A part's line within an epoch: <see cref="AddLine"/>'s loop for the case reading in parts is for (an epoch-based
    /// log), with nothing else in it, so the loop's state stays in registers.
    /// </summary>
    private void AddPartLine(in MetricSample line, ReadOnlySpan<MetricValue> values, int head, int epoch)
    {
        var layout = Layout(values).AsSpan(0, values.Length);
        var rank = line.Rank;
        var timestamp = line.Timestamp;
        var phase = -1;
        for (var i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            ref var slot = ref layout[i];
            if (!ReferenceEquals(slot.Name, value.Name) || slot.Phase != value.Phase || slot.Rank != rank)
            {
                slot = NewSlot(value.Name, value.Phase, rank, line.Position);
            }

            slot.Column!.Add(value.Value, value.Average, head);
            if (slot.Epoch != epoch || slot.EpochSummary is null)
            {
                EnterEpoch(ref slot, epoch);
            }

            if ((int)value.Phase != phase)
            {
                // The first value of the line (or of its next phase): the epoch's span is widened once per line.
                phase = (int)value.Phase;
                slot.EpochSummary!.See(timestamp);
            }

            if (slot.Stat is { } stat)
            {
                stat.Add(value.Value);
            }
            else
            {
                slot.EpochSummary!.PrintedSeconds = value.Value;
            }
        }
    }

    private static void AddPoint(SeriesSummary series, in MetricSample line, double value, double? average)
    {
        ref readonly var position = ref line.Position;
        long x = position.Step ?? (position.Epoch is int e && position.Iteration is null ? e : series.Count);
        series.Add(new SeriesPoint(x, value, average, position.Epoch, line.Timestamp, line.Source, line.Line, line.Offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per value: the usual case (same epoch as last time) stays in the loop
    private void AddToEpoch(ref SeriesSlot slot, int epoch, DateTime? timestamp, double value, bool firstOfLine)
    {
        if (slot.Epoch != epoch || slot.EpochSummary is null)
        {
            EnterEpoch(ref slot, epoch);
        }

        if (firstOfLine)
        {
            // A line's values share its time: the epoch's span is widened once per line.
            slot.EpochSummary!.See(timestamp);
        }

        if (slot.Stat is { } stat)
        {
            stat.Add(value);
        }
        else
        {
            slot.EpochSummary!.PrintedSeconds = value;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterEpoch(ref SeriesSlot slot, int epoch)
    {
        var summary = Epoch(epoch, slot.Phase);
        slot.Epoch = epoch;
        slot.EpochSummary = summary;
        slot.Stat = slot.IsEpochSeconds ? null : summary.Stat(slot.Name!);
    }

    /// <summary>
    /// The cache slot of a series. Parsers intern names, so the same name usually arrives as the same string: a slot
    /// chosen by the string's identity answers with a reference compare instead of hashing the name twice (series and
    /// epoch stat). A miss falls back to the dictionaries, which stay the truth, so equal names in different string
    /// instances still share one series.
    /// </summary>
    private ref SeriesSlot Slot(string name, Phase phase, int? rank, in Position position)
    {
        var index = (RuntimeHelpers.GetHashCode(name) ^ ((int)phase * 7919) ^ ((rank ?? -1) * 104729)) & (SlotCount - 1);
        ref var slot = ref _slots[index];
        if (!ReferenceEquals(slot.Name, name) || slot.Phase != phase || slot.Rank != rank)
        {
            slot = NewSlot(name, phase, rank, position);
        }

        return ref slot;
    }

    private SeriesSlot NewSlot(string name, Phase phase, int? rank, in Position position)
    {
        var series = SeriesFor(new SeriesKey(name, phase, rank), AxisOf(position));
        return new()
        {
            Name = name,
            Phase = phase,
            Rank = rank,
            IsEpochSeconds = name == "epoch_seconds",
            Series = series,
            Column = series.Column,
        };
    }

    /// <summary>The per-position slots of lines shaped like this one (chosen by first name and value count).</summary>
    private SeriesSlot[] Layout(ReadOnlySpan<MetricValue> values)
    {
        var index = (RuntimeHelpers.GetHashCode(values[0].Name) ^ values.Length) & (LayoutCount - 1);
        ref var layout = ref _layouts[index];
        if (layout is null || layout.Length < values.Length)
        {
            layout = new SeriesSlot[Math.Max(values.Length, 16)];
        }

        return layout;
    }

    private static AxisKind AxisOf(in Position position)
        => position.Step is not null ? AxisKind.Step
            : position.Epoch is not null && position.Iteration is null ? AxisKind.Epoch
            : AxisKind.Index;

    /// <summary>The series of a key; a new one takes the axis of its first point.</summary>
    private SeriesSummary SeriesFor(SeriesKey key, AxisKind axis)
    {
        if (!_series.TryGetValue(key, out var series))
        {
            series = _isPart
                ? SeriesSummary.ForPart(key, _spareColumns.TryPop(out var column) ? column : new PartColumn())
                : new SeriesSummary(key, _pointCapacity);
            series.Axis = axis;
            _series[key] = series;
        }

        return series;
    }

    private EpochSummary Epoch(int epoch, Phase phase)
    {
        // The values of a line share its epoch: a log that starts an epoch on every record asks for the same one in a row.
        if (_lastEpoch is { } last && last.Epoch == epoch && last.Phase == phase)
        {
            return last;
        }

        var summary = FindEpoch(epoch, phase);
        _lastEpoch = summary;
        return summary;
    }

    private EpochSummary FindEpoch(int epoch, Phase phase)
    {
        if (_epochs.TryGetValue((epoch, phase), out var summary))
        {
            return summary;
        }

        if (_epochs.Count < _maxEpochs && !_dropEpochs)
        {
            if (_isPart && _epochs.Count >= PartEpochLimit)
            {
                throw new PartRefusedException();
            }

            summary = new EpochSummary(epoch, phase);
            _epochs[(epoch, phase)] = summary;
            _full = _epochs.Count >= _maxEpochs;
            return summary;
        }

        var index = Math.Min((int)phase, _lastDropped.Length - 1);
        ref var last = ref _lastDropped[index];
        if (last != epoch)
        {
            if (last == int.MinValue)
            {
                _firstDropped[index] = epoch;
            }

            last = epoch;
            _epochsNotKept++;
        }

        // Past the limit the epoch is folded into a summary that is never reported (its caller may cache it), so a
        // log that calls every record an epoch allocates nothing per record from here on; series go on.
        return _notKept ??= new EpochSummary(-1, Phase.Train);
    }

    /// <summary>An epoch stat begun before a part, the part's stat of it, and the part's values for it.</summary>
    private sealed record Continued(int Epoch, Phase Phase, string Name, EpochStat Mine, EpochStat Part, List<(int Head, double Value)> Values)
    {
        /// <summary>How many of the part's series (one per rank) hold values of the stat.</summary>
        public int Series { get; set; }
    }

    /// <summary>A cached series and the epoch stat it last fed.</summary>
    private struct SeriesSlot
    {
        public string? Name;
        public Phase Phase;
        public int? Rank;
        public SeriesSummary? Series;

        /// <summary>The series' column in a part's table (<see cref="SeriesSummary.Column"/>), else null.</summary>
        public PartColumn? Column;
        public int Epoch;
        public EpochSummary? EpochSummary;
        public EpochStat? Stat;
        public bool IsEpochSeconds;
    }
}
