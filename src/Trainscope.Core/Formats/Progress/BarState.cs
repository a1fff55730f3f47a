using Trainscope.Records;

namespace Trainscope.Formats.Progress;

/// <summary>The latest redraw of the bar being drawn, kept until a later line or another bar supersedes it.</summary>
internal sealed class BarState
{
    private const int MaxValues = 32;
    private readonly string[] _names = new string[MaxValues];
    private readonly double[] _values = new double[MaxValues];
    private readonly Phase[] _phases = new Phase[MaxValues];
    private byte[] _description = new byte[64];
    private int _descriptionLength;

    public bool Active { get; private set; }

    public MetricSample Template;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Description => _description.AsSpan(0, _descriptionLength);

    public long? Total { get; private set; }

    /// <summary>A bar is known by its description and its total (the Trainer's evaluation bars have no description either).</summary>
    public bool IsSameBar(ReadOnlySpan<byte> description, long? total) => Total == total && Description.SequenceEqual(description);

    public void Start(ReadOnlySpan<byte> description, long? total, in MetricSample template)
    {
        Total = total;
        if (description.Length > _description.Length)
        {
            _description = new byte[description.Length];
        }

        description.CopyTo(_description);
        _descriptionLength = description.Length;
        Template = template;
        Count = 0;
        Active = true;
    }

    public void Add(string name, double value, Phase phase)
    {
        if (Count < MaxValues)
        {
            _names[Count] = name;
            _values[Count] = value;
            _phases[Count] = phase;
            Count++;
        }
    }

    public void Flush(IRecordSink sink)
    {
        if (!Active)
        {
            return;
        }

        Active = false;
        var sample = Template;
        for (var i = 0; i < Count; i++)
        {
            sample.Name = _names[i];
            sample.Value = _values[i];
            sample.Phase = _phases[i];
            sink.OnMetric(sample);
        }
    }
}
