using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// The runs of consecutive values of one phase in a line (a line may hold train and eval values): the line's
/// bookkeeping is done once per run, not per value. `foreach (var (phase, count) in new PhaseRuns(values))`.
/// </summary>
internal ref struct PhaseRuns(ReadOnlySpan<MetricValue> values)
{
    private readonly ReadOnlySpan<MetricValue> _values = values;
    private int _start;
    private int _end;

    public readonly (Phase Phase, int Count) Current => (_values[_start].Phase, _end - _start);

    public readonly PhaseRuns GetEnumerator() => this;

    public bool MoveNext()
    {
        _start = _end;
        if (_start >= _values.Length)
        {
            return false;
        }

        var phase = _values[_start].Phase;
        _end = _start + 1;
        while (_end < _values.Length && _values[_end].Phase == phase)
        {
            _end++;
        }

        return true;
    }
}
