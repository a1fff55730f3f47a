using Trainscope.Analysis;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

/// <summary>Shapes that look alarming to a naive rule and are normal training.</summary>
public class FalseAlarmTests
{
    [Fact]
    public void Adversarial_gan_losses_that_rise_are_not_divergence()
    {
        var run = new RunBuilder();
        var random = new Random(11);
        for (var e = 0; e < 40; e++)
        {
            run.Line(e, e, ("disc_loss", -0.5 + e * 0.012 + 0.01 * TrainingCurves.Gaussian(random)), ("gen_loss", -0.2 + e * 0.004));
        }

        run.Findings().ShouldNotContain(f => f.Severity >= Severity.Warning);
    }

    [Fact]
    public void A_cumulative_clock_column_is_not_a_throughput_drop()
    {
        var run = new RunBuilder();
        for (var e = 1; e <= 60; e++)
        {
            run.Line(e, e, ("loss", 2.0 / e), ("time", e * 8.3));
        }

        run.Findings().ShouldNotContain(f => f.Rule == "throughput-drop");
    }

    [Fact]
    public void One_loss_term_rising_while_the_total_falls_is_not_divergence()
    {
        var run = new RunBuilder();
        for (var e = 0; e < 40; e++)
        {
            run.Line(e, e, ("total_loss", 100.0 / (e + 1)), ("loss_ce", 0.04 + e * 0.003));
        }

        run.Findings().ShouldNotContain(f => f.Rule == "divergence");
    }

    [Fact]
    public void Many_loss_terms_spiking_together_are_one_finding_naming_the_others()
    {
        var run = new RunBuilder();
        var random = new Random(12);
        for (var s = 0; s < 200; s++)
        {
            var spike = s == 150 ? 6.0 : 1.0;
            var terms = Enumerable.Range(0, 8).Select(i => ($"loss_mask_{i}", spike * (1 + 0.02 * TrainingCurves.Gaussian(random)))).ToArray();
            run.Line(s, null, [("loss", spike * (2 + 0.02 * TrainingCurves.Gaussian(random))), .. terms]);
        }

        var spikes = run.Findings().Where(f => f.Rule == "loss-spike").ToArray();
        spikes.Length.ShouldBe(1);
        spikes[0].Metric.ShouldBe("loss");
        spikes[0].Message.ShouldContain("8 other loss terms");
    }

    [Fact]
    public void A_jump_of_an_epoch_mean_counts_as_a_spike_though_it_is_far_from_doubling()
    {
        var run = new RunBuilder();
        for (var e = 0; e < 120; e++)
        {
            run.Metric("loss", e == 100 ? 5.3 : 5.0 - e * 0.004, epoch: e);
        }

        run.Findings().ShouldContain(f => f.Rule == "loss-spike" && f.FromStep == 100);
    }
}
