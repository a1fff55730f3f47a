using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>Builds the records the framework formats emit, so each format only says what its line means.</summary>
internal static class FrameworkRecords
{
    /// <summary>A sample carrying the line's source, rank and time; the caller fills name, value and position.</summary>
    public static MetricSample Sample(in LogLine line, in LinePrefix prefix, Phase phase) => LineRecords.Sample(line, prefix, phase);

    /// <summary>An event for a rare line (markers, checkpoints, completion): allocating here is fine.</summary>
    public static LogEvent Event(in LogLine line, in LinePrefix prefix, EventKind kind, string name, double? value = null,
        Position position = default, Phase? phase = null, IReadOnlyDictionary<string, string>? attributes = null)
        => LineRecords.Event(line, prefix, kind, name, value, position, phase, attributes);

    /// <summary>True for an ASCII digit.</summary>
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
