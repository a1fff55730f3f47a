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

    /// <summary>The rows of a block merged across all its columns before the next rows: a part of a core's cache.</summary>
    private const int MergeStretchBytes = 16 * 1024;

    /// <summary>An epoch's printed duration: it sets the epoch's seconds instead of a stat.</summary>
    private const string EpochSecondsName = "epoch_seconds";

    private readonly Dictionary<SeriesKey, SeriesSummary> _series = [];
    private readonly Dictionary<(int Epoch, Phase Phase), EpochSummary> _epochs = [];
    private readonly int _pointCapacity;
    private readonly int _maxEpochs;
    private readonly bool _isPart;
    private readonly SeriesSlot[] _slots = new SeriesSlot[SlotCount];
    private readonly SeriesSlot[]?[] _layouts = new SeriesSlot[LayoutCount][];

    // A part's values: blocks of lines of one layout, in line order, and the epoch sums of the open block's rows.
    private readonly List<PartBlock> _blocks = [];
    private readonly Stack<PartBlock> _spareBlocks = new();
    private readonly EpochLanes _lanes = new();
    private readonly MetricValue[] _single = new MetricValue[1];
    private SeriesSummary[] _blockSeries = new SeriesSummary[16];
    private EpochStat?[] _rowStats = new EpochStat?[16];
    private readonly List<EpochSummary> _rowSummaries = [];
    private readonly List<(int Column, EpochSummary Summary)> _rowSeconds = [];
    private PartBlock? _block;
    private SeriesSlot[]? _blockSlots;

    // The layout whose rows the open block last took: a row of it has the block's columns (see AddPartRow).
    private ValueLayout? _blockLayout;
    private int? _rowEpoch;
    private long _epochsNotKept;
    private EpochSummary? _notKept;
    private EpochSummary? _lastEpoch;
    // The last epoch of each phase past the table's limit, so one that goes on (next line, next part) counts once.
    private readonly int[] _lastDropped = [int.MinValue, int.MinValue, int.MinValue, int.MinValue];

    // The last epoch kept of each phase (the table holds none past it).
    private readonly int[] _maxKept = [int.MinValue, int.MinValue, int.MinValue, int.MinValue];

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
        EndRows(); // its sums may still read the open block's rows
        foreach (var block in _blocks)
        {
            block.Clear();
            _spareBlocks.Push(block);
        }

        _blocks.Clear();
        (_block, _blockSlots, _blockLayout) = (null, null, null);
        _series.Clear();
        _epochs.Clear();
        Array.Clear(_slots);
        Array.Clear(_layouts);
        (_epochsNotKept, _notKept, _lastEpoch, _dropEpochs) = (0, null, null, false);
        Array.Fill(_lastDropped, int.MinValue);
        Array.Fill(_maxKept, int.MinValue);
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
        if (_isPart)
        {
            _single[0] = new MetricValue(sample.Name, sample.Phase, sample.Value, sample.Average);
            AddPartLine(sample, _single, head, sample.Position.Epoch);
            return;
        }

        ref var slot = ref Slot(sample.Name, sample.Phase, sample.Rank, sample.Position);
        AddPoint(slot.Series!, sample, sample.Value, sample.Average);
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
        if (_isPart)
        {
            AddPartLine(line, values, head, line.Position.Epoch);
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

            AddPoint(slot.Series!, line, value.Value, value.Average);

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
    /// <paramref name="lines"/>: series fold the part's values in order, block by block. An epoch's statistics are taken
    /// as the part summed them when the epoch is new here; an epoch begun before the part adds the part's values one by
    /// one, so its sums come out as reading in order makes them.
    /// </summary>
    public void Merge(SeriesTable part, ReadOnlySpan<PartHead> heads, long lines)
    {
        part.EndRows();
        var targets = new SeriesSummary[16];
        var ordinals = new long[16];
        foreach (var block in part._blocks)
        {
            var series = block.Series;
            if (targets.Length < series.Length)
            {
                targets = new SeriesSummary[series.Length];
            }

            for (var c = 0; c < series.Length; c++)
            {
                targets[c] = series[c].MergeTarget ??= SeriesFor(series[c].Key, series[c].Axis);
            }

            if (ordinals.Length < series.Length)
            {
                ordinals = new long[series.Length];
            }

            for (var c = 0; c < series.Length; c++)
            {
                ordinals[c] = targets[c].Count;
            }

            // A block's columns are distinct series (see BeginBlock), so up to four of them merge side by side. The
            // rows go in stretches that stay in a core's cache while every column of them is merged (walking all the
            // rows for each four columns read a long block from memory once per four), each stretch asked into the
            // cache while the one before it merges.
            var stretch = Math.Max(64, MergeStretchBytes / (sizeof(double) * series.Length));
            block.Prefetch(0, Math.Min(block.Rows, stretch));
            for (var start = 0; start < block.Rows; start += stretch)
            {
                var end = Math.Min(block.Rows, start + stretch);
                block.Prefetch(end, Math.Min(block.Rows, end + stretch));
                for (var column = 0; column < series.Length; column += SeriesSummary.Lanes)
                {
                    var width = Math.Min(SeriesSummary.Lanes, series.Length - column);
                    SeriesSummary.MergeLanes(targets.AsSpan(column, width), block, column, heads, lines, ordinals.AsSpan(column, width), start, end);
                }
            }

            for (var column = 0; column < series.Length; column += SeriesSummary.Lanes)
            {
                var width = Math.Min(SeriesSummary.Lanes, series.Length - column);
                SeriesSummary.EndLanes(targets.AsSpan(column, width), block, column, heads, lines, ordinals.AsSpan(column, width));
            }
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
                    (continued ??= []).Add(new Continued(summary.Epoch, summary.Phase, name, mine, stat));
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
    /// Adds the part's values of epochs begun before the part to their stats in the order of their lines: a stat summed
    /// from two partial sums would differ from reading in order in the last bits. Blocks are in line order and a row is
    /// a line, so walking the rows of the columns that feed such a stat (several ranks' series may) keeps that order.
    /// </summary>
    private static void AddInOrder(List<Continued> continued, SeriesTable part, ReadOnlySpan<PartHead> heads)
    {
        var feeding = new List<(int Column, Continued Stat)>();
        foreach (var block in part._blocks)
        {
            feeding.Clear();
            var series = block.Series;
            for (var c = 0; c < series.Length; c++)
            {
                foreach (var stat in continued)
                {
                    if (stat.Phase == series[c].Key.Phase && stat.Name == series[c].Key.Name)
                    {
                        feeding.Add((c, stat));
                    }
                }
            }

            if (feeding.Count == 0)
            {
                continue;
            }

            for (var r = 0; r < block.Rows; r++)
            {
                if (heads[block.Head(r)].Epoch is not int epoch)
                {
                    continue;
                }

                foreach (var (column, stat) in CollectionsMarshal.AsSpan(feeding))
                {
                    if (stat.Epoch == epoch)
                    {
                        stat.Mine.Add(block.Value(r, column));
                    }
                }
            }
        }

        foreach (var c in continued)
        {
            c.Mine.TakePrinted(c.Part);
        }
    }

    /// <summary>
    /// A part's line: its values become a row of the open block when the line is shaped like the block's (same slots,
    /// same rank), else of a new block; a row within an epoch is added to the epoch's stats a vector of columns at a time.
    /// </summary>
    private void AddPartLine(in MetricSample line, ReadOnlySpan<MetricValue> values, int head, int? epoch)
    {
        var row = FillRow(line, values, head);
        EndPartLine(line, row, epoch);
    }

    /// <summary>
    /// A part's line read into a row of <paramref name="layout"/>: when the open block took the layout's last row, the
    /// row's values are copied into a new one without matching names again; else the line goes as its values.
    /// </summary>
    public void AddPartRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> cells, int head)
    {
        Span<double> row;
        if (_block is { } open && ReferenceEquals(_blockLayout, layout) && open.Continues(line.Rank, layout.Count))
        {
            row = open.AddRow(head);
            layout.CopyValues(cells, row);
            if (layout.HasAverages)
            {
                open.AveragesOfLastRow(out var averages, out var hasAverage);
                layout.CopyAverages(cells, averages, hasAverage);
            }
        }
        else
        {
            row = FillRow(line, layout.ToValues(cells), head);
            _blockLayout = layout; // the open block's columns are now the layout's values, in its order
        }

        EndPartLine(line, row, line.Position.Epoch);
    }

    private Span<double> FillRow(scoped in MetricSample line, scoped ReadOnlySpan<MetricValue> values, int head)
    {
        var rank = line.Rank;
        Span<double> row;
        SeriesSlot[] slots;
        // The usual line continues the open block: its first name and count pick the block's slots without hashing
        // (a name's identity hash is not free in a hot loop), and TryFill checks the rest.
        if (_block is { } open && _blockSlots is { } blockSlots && ReferenceEquals(blockSlots[0].Name, values[0].Name)
            && open.Continues(rank, values.Length))
        {
            slots = blockSlots;
            // The usual line: shaped like the block's, so its slots (and their rank) are the block's columns.
            row = open.AddRow(head);
            if (!TryFill(open, row, slots, values))
            {
                open.RemoveLastRow();
                row = AddRowOfNewBlock(line, values, head, slots);
            }
        }
        else
        {
            slots = Layout(values);
            row = AddRowOfNewBlock(line, values, head, slots);
        }

        return row;
    }

    /// <summary>The epoch sums and spans of a part's row just filled.</summary>
    private void EndPartLine(in MetricSample line, Span<double> row, int? epoch)
    {
        if (epoch != _rowEpoch)
        {
            BeginEpochRows(epoch);
        }

        if (_lanes.IsOpen)
        {
            _lanes.Add(_block!);
        }

        if (_rowSummaries.Count > 0)
        {
            // A line's values share its time: each epoch it feeds (one per phase) widens its span once.
            foreach (var summary in CollectionsMarshal.AsSpan(_rowSummaries))
            {
                summary.See(line.Timestamp);
            }

            foreach (var (column, summary) in CollectionsMarshal.AsSpan(_rowSeconds))
            {
                summary.PrintedSeconds = row[column];
            }
        }
    }

    /// <summary>Copies a line's values into its row when each names its column's series; false at the first that does not.</summary>
    private static bool TryFill(PartBlock block, Span<double> row, ReadOnlySpan<SeriesSlot> slots, ReadOnlySpan<MetricValue> values)
    {
        Span<double> averages = default;
        Span<bool> hasAverage = default;
        for (var i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            ref readonly var slot = ref slots[i];
            if (!ReferenceEquals(slot.Name, value.Name) || slot.Phase != value.Phase)
            {
                return false;
            }

            row[i] = value.Value;
            if (value.Average is { } average)
            {
                if (hasAverage.IsEmpty)
                {
                    block.AveragesOfLastRow(out averages, out hasAverage);
                }

                averages[i] = average;
                hasAverage[i] = true;
            }
        }

        return true;
    }

    /// <summary>A line not shaped like the open block's: its slots are renewed where they differ, and it begins a block.</summary>
    private Span<double> AddRowOfNewBlock(scoped in MetricSample line, scoped ReadOnlySpan<MetricValue> values, int head, SeriesSlot[] slots)
    {
        var rank = line.Rank;
        for (var i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            ref var slot = ref slots[i];
            if (!ReferenceEquals(slot.Name, value.Name) || slot.Phase != value.Phase || slot.Rank != rank)
            {
                slot = NewSlot(value.Name, value.Phase, rank, line.Position);
            }
        }

        BeginBlock(slots, rank, values.Length);
        var row = _block!.AddRow(head);
        TryFill(_block, row, slots, values);
        return row;
    }

    private void BeginBlock(SeriesSlot[] slots, int? rank, int width)
    {
        EndRows();
        if (_blockSeries.Length < width)
        {
            _blockSeries = new SeriesSummary[width];
        }

        for (var i = 0; i < width; i++)
        {
            _blockSeries[i] = slots[i].Series!;
        }

        if (!AllDistinct(_blockSeries.AsSpan(0, width)))
        {
            // A line naming one series twice interleaves its values across columns, which merging column by column
            // would not keep in order: such a part is read in order instead (rare: duplicated keys).
            throw new PartRefusedException();
        }

        var block = _spareBlocks.TryPop(out var spare) ? spare : new PartBlock();
        block.Begin(rank, _blockSeries.AsSpan(0, width));
        _blocks.Add(block);
        (_block, _blockSlots, _blockLayout) = (block, slots, null);
    }

    private static bool AllDistinct(ReadOnlySpan<SeriesSummary> series)
    {
        if (series.Length > 16)
        {
            var seen = new HashSet<SeriesSummary>(ReferenceEqualityComparer.Instance);
            foreach (var one in series)
            {
                if (!seen.Add(one))
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 1; i < series.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(series[i], series[j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The rows from here on are of <paramref name="epoch"/> (none: no epoch stats): each column finds its stat. An epoch
    /// past the table's limit feeds nothing, as it is never reported, but is still counted.
    /// </summary>
    private void BeginEpochRows(int? epoch)
    {
        EndRows();
        _rowEpoch = epoch;
        if (epoch is not int e)
        {
            return;
        }

        var block = _block!;
        var series = block.Series;
        if (_rowStats.Length < series.Length)
        {
            _rowStats = new EpochStat?[series.Length];
        }

        var stats = _rowStats.AsSpan(0, series.Length);
        EpochSummary? summary = null;
        var any = false;
        for (var c = 0; c < series.Length; c++)
        {
            var key = series[c].Key;
            if (c == 0 || key.Phase != series[c - 1].Key.Phase)
            {
                summary = Epoch(e, key.Phase);
                if (!ReferenceEquals(summary, _notKept))
                {
                    _rowSummaries.Add(summary);
                }
            }

            if (ReferenceEquals(summary, _notKept))
            {
                stats[c] = null;
            }
            else if (key.Name == EpochSecondsName)
            {
                stats[c] = null;
                _rowSeconds.Add((c, summary!));
            }
            else
            {
                stats[c] = summary!.Stat(key.Name);
                any = true;
            }
        }

        if (any)
        {
            _lanes.Begin(stats);
        }
    }

    /// <summary>Ends the open rows' epoch: their sums go back into the epoch's stats.</summary>
    private void EndRows()
    {
        _lanes.End();
        _rowSummaries.Clear();
        _rowSeconds.Clear();
        _rowEpoch = null;
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
            IsEpochSeconds = name == EpochSecondsName,
            Series = series,
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
                ? SeriesSummary.ForPart(key)
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
        var index = Math.Min((int)phase, _lastDropped.Length - 1);
        // Once no epoch is added, one past the last kept of its phase is not in the table: a log that calls every record
        // an epoch asks for a new one each record, and a lookup in the full table is the cost of that record.
        var notInTable = (_full || _dropEpochs) && epoch > _maxKept[index];
        if (!notInTable && _epochs.TryGetValue((epoch, phase), out var summary))
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
            _maxKept[index] = Math.Max(_maxKept[index], epoch);
            _full = _epochs.Count >= _maxEpochs;
            return summary;
        }

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

    /// <summary>An epoch stat begun before a part and the part's stat of it.</summary>
    private sealed record Continued(int Epoch, Phase Phase, string Name, EpochStat Mine, EpochStat Part);

    /// <summary>A cached series and the epoch stat it last fed.</summary>
    private struct SeriesSlot
    {
        public string? Name;
        public Phase Phase;
        public int? Rank;
        public SeriesSummary? Series;

        public int Epoch;
        public EpochSummary? EpochSummary;
        public EpochStat? Stat;
        public bool IsEpochSeconds;
    }
}
