namespace Trainscope.Formats.JsonLines;

/// <summary>
/// One record key as read from the bytes, with its meaning worked out once (<see cref="LoggedRecord.Describe"/>):
/// files repeat the same keys on every line, so classifying, splitting and interning them per line is wasted work.
/// </summary>
internal sealed class RecordKey
{
    private const int MaxElements = 256;
    private string?[] _elementNames = [];

    public RecordKey(byte[] bytes, KeyRole role, bool marksSummary, MetricKey metric, string? name)
    {
        Bytes = bytes;
        QuotedWithColon = [(byte)'"', .. bytes, (byte)'"', (byte)':'];
        Role = role;
        MarksSummary = marksSummary;
        Metric = metric;
        Name = name;
    }

    public byte[] Bytes { get; }

    /// <summary>`"key":`, how the key's member opens in a JSON object whether or not a space follows the colon.</summary>
    public byte[] QuotedWithColon { get; }

    public KeyRole Role { get; }

    public bool MarksSummary { get; }

    public MetricKey Metric { get; }

    /// <summary>The interned metric name (phase prefix removed) or fact name; null for position keys.</summary>
    public string? Name { get; }

    /// <summary>The interned `name[index]` of an array element.</summary>
    public string ElementName(int index, LoggedRecord record)
    {
        if ((uint)index >= MaxElements)
        {
            return record.ElementName(Bytes.AsSpan(Metric.RestStart), index);
        }

        if (index >= _elementNames.Length)
        {
            Array.Resize(ref _elementNames, Math.Min(MaxElements, Math.Max(16, index * 2)));
        }

        return _elementNames[index] ??= record.ElementName(Bytes.AsSpan(Metric.RestStart), index);
    }
}
