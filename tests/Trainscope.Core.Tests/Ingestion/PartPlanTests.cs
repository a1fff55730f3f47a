using System.Text;
using Trainscope.Formats.MetricLogger;
using Trainscope.Ingestion;
using Trainscope.Records;

namespace Trainscope.Tests.Ingestion;

public class PartPlanTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"trainscope-plan-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    /// <summary>
    /// Every cut lands on the first epoch's first line after the first newline at or past the nominal cut, as a plain
    /// scan of the bytes finds it: with epochs that start within the first window read or several windows on, lines
    /// longer than the first window (100 KB) or than every window (300 KB), and any number of threads.
    /// </summary>
    [Theory]
    [InlineData(16 << 10, 50, 1)]
    [InlineData(16 << 10, 50, 2)]
    [InlineData(61_111, 50, 4)]
    [InlineData(100_000, 4_000, 2)]
    [InlineData(333_333, 9_000, 2)]
    public void Cuts_fall_on_the_first_line_that_starts_fresh_after_each_nominal_cut(int partBytes, int iterations, int threads)
    {
        var text = new StringBuilder();
        for (var epoch = 0; epoch < 60_000 / iterations + 4; epoch++)
        {
            for (var i = 0; i < iterations; i++)
            {
                if (i == iterations / 3 && epoch is 2 or 12)
                {
                    text.Append('x', 100_000).Append('\n');
                }

                if (i == iterations / 2 && epoch is 3 or 9)
                {
                    text.Append('y', 300_000).Append('\n');
                }

                text.Append(Line(epoch, i, iterations));
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var starts = Plan(bytes, partBytes, threads);

        starts.ShouldBe(Expected(bytes, partBytes));
        starts.Count.ShouldBeGreaterThan(5);
    }

    /// <summary>A cut just before an epoch's first line longer than the first window is read still finds that line.</summary>
    [Fact]
    public void A_line_that_starts_fresh_and_outgrows_the_first_window_is_still_found()
    {
        var head = string.Concat(Enumerable.Range(0, 2_000).Select(i => Line(0, i, 2_000)));
        var text = head + Line(1, 0, 2_000).TrimEnd('\n') + new string(' ', 100_000) + "\n" + Line(1, 1, 2_000);
        var bytes = Encoding.ASCII.GetBytes(text);

        // The nominal cut's byte before is the newline that ends the head.
        Plan(bytes, head.Length, threads: 1).ShouldBe([0, head.Length]);
    }

    private static string Line(int epoch, int i, int iterations)
        => $"Epoch: [{epoch}]  [{i,4}/{iterations}]  eta: 0:00:01  loss: {0.5 + i * 1e-5:F4} (0.5000)\n";

    private List<long> Plan(byte[] bytes, long partBytes, int threads)
    {
        File.WriteAllBytes(_path, bytes);
        using var file = File.OpenHandle(_path);
        return PartPlan.Starts(file, bytes.Length, partBytes, new MetricLoggerFormat(), new SourceInfo(0, _path, "run.log"), false, threads);
    }

    /// <summary>The cuts by a plain scan: each line's start, and whether it is an epoch's first line.</summary>
    private static List<long> Expected(byte[] bytes, int partBytes)
    {
        var lines = new List<(int Start, bool Fresh)>();
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var line = Encoding.ASCII.GetString(bytes, start, Math.Min(end - start, 40));
            lines.Add((start, line.StartsWith("Epoch: [") && line.Contains("[   0/")));
            start = end + 1;
        }

        var starts = new List<long> { 0 };
        for (long nominal = partBytes; nominal < bytes.Length; nominal += partBytes)
        {
            // The first whole line after the newline at or past the byte before the cut.
            var first = lines.FindIndex(l => l.Start > nominal - 1);
            var fresh = first < 0 ? -1 : lines.FindIndex(first, l => l.Fresh);
            if (fresh >= 0 && lines[fresh].Start > starts[^1])
            {
                starts.Add(lines[fresh].Start);
            }
        }

        return starts;
    }
}
