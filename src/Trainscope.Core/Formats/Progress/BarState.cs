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

    /// <summary>The description without digits, dots, slashes and spaces: what stays put while the bar is redrawn.</summary>
    public ReadOnlySpan<byte> Signature => _description.AsSpan(0, _descriptionLength);

    public long? Total { get; private set; }

    public long? N { get; private set; }

    /// <summary>
    /// A bar is known by its description and its total (the Trainer's evaluation bars have no description either).
    /// Numbers in the description are ignored because some loops print their live metrics there (ultralytics'
    /// `1/100  6.15G  3.331 …  640:`); a count going backwards means the bar restarted (Lightning's next epoch).
    /// </summary>
    public bool IsSameBar(ReadOnlySpan<byte> description, long? total, long? n)
        => Total == total && (n is null || N is null || n >= N) && SameSignature(description);

    public void Start(ReadOnlySpan<byte> description, long? total, long? n, in MetricSample template)
    {
        if (description.Length > _description.Length)
        {
            _description = new byte[description.Length];
        }

        _descriptionLength = 0;
        foreach (var b in description)
        {
            if (!IsVolatile(b))
            {
                _description[_descriptionLength++] = b;
            }
        }

        Total = total;
        N = n;
        Template = template;
        Count = 0;
        Active = true;
    }

    private bool SameSignature(ReadOnlySpan<byte> description)
    {
        var signature = Signature;
        var j = 0;
        foreach (var b in description)
        {
            if (IsVolatile(b))
            {
                continue;
            }

            if (j >= signature.Length || signature[j] != b)
            {
                return false;
            }

            j++;
        }

        return j == signature.Length;
    }

    private static bool IsVolatile(byte b) => (uint)(b - '0') <= 9 || b is (byte)'.' or (byte)'/' or (byte)' ' or (byte)'-' or (byte)'+';

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
