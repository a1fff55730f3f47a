namespace Trainscope.Records;

/// <summary>
/// The names and phases of a family of lines whose numbers a format reads into one row, in the order they stand in
/// the line: each value's number and its printed average, where it has one, are cells of the row
/// (<see cref="IRecordSink.OnRow"/>). A format keeps the same layout for every line of the family, so a sink that
/// checked a layout's names once knows them for every later row of it by its reference.
/// </summary>
/// <remarks>A layout belongs to the parser that made it and is used on that parser's thread only.</remarks>
public sealed class ValueLayout
{
    private readonly string[] _names;
    private readonly Phase[] _phases;
    private readonly int[] _valueCells;
    private readonly int[] _averageCells;
    private readonly bool[] _hasAverage;
    private readonly (int Value, int Cell)[] _averages;
    private readonly (Phase Phase, int Count)[] _phaseRuns;
    private readonly MetricValue[] _values;

    /// <param name="values">Each value's name and phase (its numbers are not used).</param>
    /// <param name="hasAverage">Whether each value's cell is followed by one for its average.</param>
    public ValueLayout(ReadOnlySpan<MetricValue> values, ReadOnlySpan<bool> hasAverage)
    {
        if (values.IsEmpty || values.Length != hasAverage.Length)
        {
            throw new ArgumentException("a layout needs one average flag per value, and at least one value");
        }

        var count = values.Length;
        (_names, _phases, _valueCells, _averageCells) = (new string[count], new Phase[count], new int[count], new int[count]);
        _values = new MetricValue[count];
        var cell = 0;
        var runs = new List<(Phase, int)>();
        for (var i = 0; i < count; i++)
        {
            (_names[i], _phases[i]) = (values[i].Name, values[i].Phase);
            _values[i] = new MetricValue(values[i].Name, values[i].Phase, 0);
            _valueCells[i] = cell++;
            _averageCells[i] = hasAverage[i] ? cell++ : -1;
            HasAverages |= hasAverage[i];
            if (i == 0 || _phases[i] != _phases[i - 1])
            {
                runs.Add((_phases[i], 0));
            }

            runs[^1] = (runs[^1].Item1, runs[^1].Item2 + 1);
        }

        Cells = cell;
        _phaseRuns = [.. runs];
        _hasAverage = hasAverage.ToArray();
        var cells = _averageCells;
        _averages = [.. Enumerable.Range(0, count).Where(i => cells[i] >= 0).Select(i => (i, cells[i]))];
    }

    /// <summary>Values of a row.</summary>
    public int Count => _names.Length;

    /// <summary>Cells of a row: a value's number, and after it its average where it has one.</summary>
    public int Cells { get; }

    /// <summary>Whether any value has an average.</summary>
    public bool HasAverages { get; }

    public ReadOnlySpan<string> Names => _names;

    /// <summary>Whether value <paramref name="index"/> has an average in the row.</summary>
    public bool HasAverage(int index) => _hasAverage[index];

    public ReadOnlySpan<Phase> Phases => _phases;

    /// <summary>The consecutive values of one phase, in order: a line's bookkeeping is done once per run.</summary>
    public ReadOnlySpan<(Phase Phase, int Count)> PhaseRuns => _phaseRuns;

    /// <summary>
    /// Whether value <paramref name="index"/> is <paramref name="name"/> (the same string: formats intern names, and a
    /// layout stands for the strings it was made with) of <paramref name="phase"/>, with an average or without as
    /// <paramref name="hasAverage"/> says. A format checks a layout it would reuse value by value, allocating nothing.
    /// </summary>
    public bool Holds(int index, string name, Phase phase, bool hasAverage)
        => (uint)index < (uint)_names.Length && ReferenceEquals(_names[index], name) && _phases[index] == phase && _hasAverage[index] == hasAverage;

    /// <summary>Copies a row's values (not their averages) into <paramref name="target"/>, one per value.</summary>
    public void CopyValues(ReadOnlySpan<double> row, Span<double> target)
    {
        var cells = _valueCells.AsSpan();
        target = target[..cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            target[i] = row[cells[i]];
        }
    }

    /// <summary>
    /// Copies a row's averages into <paramref name="averages"/>, one place per value, and sets
    /// <paramref name="hasAverage"/> to whether each value has one; places of values without one are left as they are.
    /// </summary>
    public void CopyAverages(ReadOnlySpan<double> row, Span<double> averages, Span<bool> hasAverage)
    {
        _hasAverage.CopyTo(hasAverage);
        foreach (var (value, cell) in _averages)
        {
            averages[value] = row[cell];
        }
    }

    /// <summary>
    /// The row as one <see cref="MetricValue"/> per value, for sinks that take values: the span is the layout's own and
    /// holds until the next call.
    /// </summary>
    public ReadOnlySpan<MetricValue> ToValues(ReadOnlySpan<double> row)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            ref var value = ref _values[i];
            value.Value = row[_valueCells[i]];
            value.Average = _averageCells[i] >= 0 ? row[_averageCells[i]] : null;
        }

        return _values;
    }
}
