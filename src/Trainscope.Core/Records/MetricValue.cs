namespace Trainscope.Records;

/// <summary>
/// What differs between the values of one log line: name, phase and the numbers. The rest (source, line, time,
/// position, rank) is the line's and travels once, in the <see cref="MetricSample"/> passed beside them.
/// </summary>
public struct MetricValue
{
    public string Name;
    public Phase Phase;
    public double Value;
    public double? Average;

    public MetricValue(string name, Phase phase, double value, double? average = null)
    {
        Name = name;
        Phase = phase;
        Value = value;
        Average = average;
    }
}
