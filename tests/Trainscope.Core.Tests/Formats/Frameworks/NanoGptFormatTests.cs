using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class NanoGptFormatTests
{
    private static readonly NanoGptFormat Format = new();

    [Fact]
    public void Iter_lines_give_loss_time_and_mfu_at_the_iteration()
    {
        var records = FrameworkFeed.Read(Format, "nanogpt/train.log");

        var iter = records.Metrics.Where(m => m.Line == 3).ToList();
        iter.Select(m => m.Name).ShouldBe(["loss", "iter_time_ms", "mfu"]);
        iter.Select(m => m.Value).ShouldBe([9.3122, 30.2, 40.1]);
        iter.ShouldAllBe(m => m.Position.Step == 10 && m.Phase == Phase.Train);
        records.Metrics.Where(m => m.Line == 2).Select(m => m.Name).ShouldBe(["loss", "iter_time_ms"]); // mfu -100% is "not yet"
    }

    [Fact]
    public void Step_lines_give_train_and_val_loss()
    {
        var records = FrameworkFeed.Read(Format, "nanogpt/train.log");

        var step = records.Metrics.Where(m => m.Line == 4).ToList();
        step.Select(m => (m.Name, m.Phase, m.Value)).ShouldBe([("loss", Phase.Train, 2.1), ("loss", Phase.Eval, 2.2)]);
        step.ShouldAllBe(m => m.Position.Step == 250);
    }

    [Fact]
    public void Modded_lines_give_step_of_total_loss_and_timers()
    {
        var records = FrameworkFeed.Read(Format, "nanogpt/train.log");

        var line = records.Metrics.Where(m => m.Line == 8).ToList();
        line.Select(m => m.Name).ShouldBe(["loss", "train_time", "step_avg"]);
        line[0].Value.ShouldBe(6.6933);
        line[1].Value.ShouldBe(214);
        line.ShouldAllBe(m => m.Position.Step == 11 && m.Position.Steps == 6200);
        records.Metrics.Single(m => m.Line == 9 && m.Name == "step_avg").Value.ShouldBe(215);
    }

    [Fact]
    public void Step_avg_nan_during_warm_up_stays_nan_and_is_not_a_loss()
    {
        var records = FrameworkFeed.Read(Format, "nanogpt/train.log");

        records.Values("step_avg").Take(2).ShouldAllBe(v => double.IsNaN(v));
        records.Values("loss").ShouldAllBe(v => double.IsFinite(v));
        Trainscope.Analysis.MetricRoles.Of("step_avg").ShouldBe(Trainscope.Analysis.MetricRole.IterationTime);
    }

    [Fact]
    public void Validation_lines_give_only_the_val_loss()
    {
        var records = FrameworkFeed.Read(Format, "nanogpt/train.log");

        var val = records.Metrics.Where(m => m.Line == 10).ToList();
        val.Single().Name.ShouldBe("loss");
        val.Single().Phase.ShouldBe(Phase.Eval);
        val.Single().Value.ShouldBe(4.8801);
        records.Metrics.ShouldNotContain(m => m.Line == 5 || m.Line == 11);
    }

    [Fact]
    public void Sniff_knows_both_flavours()
    {
        Format.Sniff(FrameworkFeed.Sample("step:1/6200 train_loss:10.9184 train_time:74701ms step_avg:nanms\n")).ShouldBeGreaterThan(0.8);
        Format.Sniff(FrameworkFeed.Sample("iter 10: loss 9.3122, time 30.20ms, mfu 40.10%\n")).ShouldBeGreaterThan(0.8);
        Format.Sniff(FrameworkFeed.Sample("step 3 done\n")).ShouldBe(0);
    }
}
