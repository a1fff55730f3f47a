using Trainscope.Analysis.Doctor;

namespace Trainscope.Tests.Analysis.Doctor;

public class DoctorOptionsTests
{
    [Fact]
    public void An_override_replaces_the_default_and_leaves_the_others()
    {
        var options = DoctorOptions.Default.With("loss-spike.mad", 4);

        options["loss-spike.mad"].ShouldBe(4);
        options["grad-explosion.absolute"].ShouldBe(Thresholds.Default("grad-explosion.absolute"));
        DoctorOptions.Default["loss-spike.mad"].ShouldBe(8);
    }

    [Fact]
    public void An_unknown_key_is_refused()
        => Should.Throw<ArgumentException>(() => DoctorOptions.Default.With("loss-spike.nope", 1));

    [Fact]
    public void Every_threshold_key_names_a_rule()
        => Thresholds.All.Select(t => t.Key.Split('.')[0]).Distinct().ShouldAllBe(rule => DoctorAnalysis.RuleIds.Contains(rule));

    [Fact]
    public void A_disabled_rule_does_not_run()
    {
        var run = new Support.RunBuilder();
        for (var step = 0; step < 20; step++)
        {
            run.Metric("grad_norm", 500, step);
        }

        var options = DoctorOptions.Default with { Disabled = new HashSet<string> { "grad-explosion" } };

        run.Findings(options).ShouldNotContain(f => f.Rule == "grad-explosion");
        run.Findings().ShouldContain(f => f.Rule == "grad-explosion");
    }
}
