using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.MetricLogger;

/// <summary>A repeated line is read through the cached layout; what it yields must be what the first, general read yielded.</summary>
public class CachedFieldTests
{
    private static readonly SourceInfo Source = new(0, "/log.txt", "log.txt");

    public static TheoryData<string> Values() =>
    [
        "0.5", "-0.0", ".5", "5.", "0", "1e-05", "nan", "inf", "-", "abc", "12.5.6", "123456789012345", "1234567890123456",
        "0.5 (0.4)", "0.5 (abc)", "0.5 (0.4 )", "0.5(0.4)", "0.5 (0.4)x", "0.5 (1e-3)", "0.5 ()", "-1.25 (-0.75)",
        "0.000100", "15722", "0.5 (0.4", "0.5x",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_reads_the_same_from_the_cached_layout(string value)
    {
        var line = $"Epoch: [3]  [ 10/100]  eta: 0:01:00  lr: 0.000100  loss: {value}  acc: 0.75 (0.70)  max mem: 15722";
        var parser = new MetricLoggerFormat().CreateParser();
        var first = new RecordCollector();
        var second = new RecordCollector();
        parser.TryParse(LogLine.FromString(line, Source, 1), first).ShouldBeTrue();
        parser.TryParse(LogLine.FromString(line, Source, 1), second).ShouldBeTrue();
        second.Metrics.Select(Describe).ShouldBe(first.Metrics.Select(Describe));
    }

    private static string Describe(MetricSample s) => $"{s.Name} {s.Phase} {BitConverter.DoubleToInt64Bits(s.Value)} {s.Average}";
}
