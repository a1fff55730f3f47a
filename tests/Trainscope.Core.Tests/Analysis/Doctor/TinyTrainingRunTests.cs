using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class TinyTrainingRunTests
{
    private static string Fixture(string name) => TestPaths.Fixture(Path.Combine("doctor", name));

    private static IReadOnlyList<Finding> Analyze(string path)
    {
        var records = LineFeeder.FeedFile(new KeyValueFormat(), path);
        var aggregator = new RunAggregator();
        foreach (var sample in records.Metrics)
        {
            aggregator.OnMetric(sample);
        }

        return RunAnalysis.Analyze(aggregator.Build("tiny", path, [])).Findings;
    }

    [Theory]
    [InlineData("sgd_linreg_converging.log", 0.05)]
    [InlineData("sgd_linreg_diverging.log", 1.6)]
    public void The_committed_logs_are_what_the_training_run_prints(string name, double lr)
    {
        var printed = TinyTraining.Run(lr);
        if (Environment.GetEnvironmentVariable("TRAINSCOPE_REGENERATE_FIXTURES") == "1")
        {
            File.WriteAllText(Fixture(name), printed);
        }

        File.ReadAllText(Fixture(name)).ShouldBe(printed);
    }

    [Fact]
    public void A_converging_sgd_run_is_healthy()
    {
        var findings = Analyze(Fixture("sgd_linreg_converging.log"));

        findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Rule}: {f.Message}").ShouldBeEmpty();
        findings.ShouldContain(f => f.Rule == "healthy");
    }

    [Fact]
    public void An_sgd_run_with_too_high_a_learning_rate_diverges_with_evidence_lines()
    {
        var findings = Analyze(Fixture("sgd_linreg_diverging.log"));

        var errors = findings.Where(f => f.Severity == Severity.Error).Select(f => f.Rule).ToArray();
        errors.ShouldContain("divergence");
        findings.First(f => f.Rule == "divergence").Evidence.ShouldAllBe(e => e.Text.StartsWith("step="));
        findings.ShouldNotContain(f => f.Rule == "healthy");
    }
}
