using Trainscope.Analysis;
using Trainscope.Analysis.Doctor;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class DoctorFuzzTests
{
    private static readonly string[] Names =
        ["loss", "closs", "acc1", "reward_mean", "violation_rate", "grad_norm", "max mem", "data", "time", "samples/sec", "lr", "ppl", "latency_ms", "other"];

    private static readonly double[] Odd = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e308, -1e308, 0, -0.0, 1e-320, 5e-324];

    private static double Value(Random random) => random.Next(6) switch
    {
        0 => Odd[random.Next(Odd.Length)],
        1 => random.Next(3),
        _ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 4)),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_values_steps_epochs_and_settings_never_make_a_rule_throw(int seed)
    {
        var random = new Random(seed);
        var run = new RunBuilder();
        var count = random.Next(1, 3000);
        for (var i = 0; i < count; i++)
        {
            long? step = random.Next(4) == 0 ? null : random.Next(-5, 400);
            int? epoch = random.Next(3) == 0 ? null : random.Next(-1, 40);
            var phase = (Phase)random.Next(3);
            run.Metric(Names[random.Next(Names.Length)], Value(random), step, epoch, phase, rank: random.Next(5) == 0 ? random.Next(3) : null);
            if (random.Next(50) == 0)
            {
                run.EpochMean(Names[random.Next(Names.Length)], random.Next(40), Value(random), phase);
            }

            if (random.Next(200) == 0)
            {
                var kind = (EventKind)random.Next(8);
                run.Event(kind, random.Next(2) == 0 ? "loss-scale-overflow" : "traceback", "line", step, value: random.Next(2) == 0 ? null : Value(random));
            }
        }

        var options = DoctorOptions.Default with { GpuMemoryMb = random.Next(2) == 0 ? null : Value(random) };
        foreach (var threshold in Thresholds.All)
        {
            if (random.Next(3) == 0)
            {
                options = options.With(threshold.Key, random.Next(3) == 0 ? Value(random) : random.Next(-2, 60));
            }
        }

        var findings = RunAnalysis.Analyze(run.Build(), new AnalysisOptions { Doctor = options }).Findings;

        findings.ShouldAllBe(f => f.Message.Length > 0 && f.Advice.Length > 0);
        findings.Select(f => f.Severity).ShouldBe(findings.Select(f => f.Severity).OrderByDescending(s => s));
    }
}
