using System.Runtime.CompilerServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// What the merge needs of a part's line to build the points it keeps of it: where it came from, its time, and what
/// numbers its values on a series' axis. A part keeps one per line, so this is a quarter of a whole sample.
/// </summary>
internal readonly struct PartHead
{
    private readonly SourceInfo _source;
    private readonly long _line;
    private readonly long _offset;
    private readonly DateTime _time;
    private readonly long _step;
    private readonly int _epoch;
    private readonly bool _hasTime;
    private readonly bool _hasStep;
    private readonly bool _hasEpoch;
    private readonly bool _hasIteration;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PartHead(in MetricSample sample)
    {
        (_source, _line, _offset) = (sample.Source, sample.Line, sample.Offset);
        (_hasTime, _time) = sample.Timestamp is { } time ? (true, time) : (false, default);
        ref readonly var position = ref sample.Position;
        (_hasStep, _step) = position.Step is { } step ? (true, step) : (false, 0);
        (_hasEpoch, _epoch) = position.Epoch is { } epoch ? (true, epoch) : (false, 0);
        _hasIteration = position.Iteration is not null;
    }

    public SourceInfo Source => _source;

    public long Line => _line;

    public long Offset => _offset;

    public DateTime? Timestamp => _hasTime ? _time : null;

    public int? Epoch => _hasEpoch ? _epoch : null;

    /// <summary>
    /// The value's place on its series' axis, as the run's table numbers a point: the step, else the epoch of a line
    /// that names no iteration, else the series' ordinal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AxisPosition(long ordinal) => _hasStep ? _step : _hasEpoch && !_hasIteration ? _epoch : ordinal;
}
