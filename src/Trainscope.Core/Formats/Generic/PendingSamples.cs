using Trainscope.Records;

namespace Trainscope.Formats.Generic;

/// <summary>
/// Samples of lines whose shape is not yet confirmed, in a fixed ring: when the shape is confirmed they are emitted
/// (oldest first, with their own line numbers); when the ring is full the oldest are dropped.
/// </summary>
internal sealed class PendingSamples
{
    public const int Capacity = 1024;
    private readonly MetricSample[] _samples = new MetricSample[Capacity];
    private readonly ulong[] _shapes = new ulong[Capacity];
    private int _next;
    private int _count;

    public void Hold(ulong shape, in MetricSample sample)
    {
        _samples[_next] = sample;
        _shapes[_next] = shape;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>Emits and forgets the held samples of <paramref name="shape"/>.</summary>
    public void Release(ulong shape, IRecordSink sink)
    {
        var start = (_next - _count + Capacity) % Capacity;
        for (var n = 0; n < _count; n++)
        {
            var i = (start + n) % Capacity;
            if (_shapes[i] == shape)
            {
                _shapes[i] = 0;
                sink.OnMetric(_samples[i]);
                _samples[i] = default;
            }
        }
    }
}
