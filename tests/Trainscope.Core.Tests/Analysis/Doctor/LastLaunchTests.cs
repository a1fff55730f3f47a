using Trainscope.Analysis.Doctor;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class LastLaunchTests
{
    /// <summary>A launch whose loss falls from 5 toward 1 over <paramref name="epochs"/> epochs, starting at <paramref name="first"/>.</summary>
    private static RunBuilder Launch(RunBuilder run, int first, int epochs, int seed)
    {
        var random = new Random(seed);
        for (var e = 0; e < epochs; e++)
        {
            run.Metric("loss", 1 + 4 * Math.Exp(-e / 6.0) + 0.02 * TrainingCurves.Gaussian(random), step: first + e, epoch: first + e);
        }

        return run;
    }

    [Fact]
    public void A_relaunch_marked_in_the_log_is_judged_on_its_own()
    {
        var run = Launch(new RunBuilder(), 0, 30, 1);
        run.Event(EventKind.Marker, "run-restart", "Epoch 1/30 (run 2)");
        Launch(run, 30, 30, 2); // keeps counting epochs, as Keras runs back to back do

        var summary = run.Build();
        var points = LastLaunch.Points(summary.Find("loss", Phase.Train)!, LastLaunch.Starts(summary));
        points.Length.ShouldBe(30);
        points[0].Step.ShouldBe(30);
        run.Findings().ShouldNotContain(f => f.Rule == "divergence" || f.Rule == "loss-spike" && f.Severity >= Trainscope.Analysis.Severity.Warning);
    }

    [Fact]
    public void A_step_going_back_starts_a_launch_without_any_marker()
    {
        var run = Launch(Launch(new RunBuilder(), 0, 25, 3), 0, 25, 4);
        var summary = run.Build();
        LastLaunch.Points(summary.Find("loss", Phase.Train)!, LastLaunch.Starts(summary)).Length.ShouldBe(25);
    }

    [Fact]
    public void A_relaunch_that_died_at_once_does_not_hide_the_launch_before_it()
    {
        var run = Launch(new RunBuilder(), 0, 30, 5);
        run.Metric("loss", 5, step: 0, epoch: 0).Metric("loss", 4.9, step: 1, epoch: 1);
        var summary = run.Build();
        LastLaunch.Points(summary.Find("loss", Phase.Train)!, LastLaunch.Starts(summary)).Length.ShouldBe(32);
    }
}
