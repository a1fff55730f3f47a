using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class MmengineFormatTests
{
    private static readonly MmengineFormat Format = new();

    [Fact]
    public void Train_lines_give_every_field_with_epoch_and_iteration()
    {
        var records = FrameworkFeed.Read(Format, "mmengine/train.log");

        var first = records.Metrics.Where(m => m.Line == 4).ToList();
        first.Select(m => m.Name).ShouldBe(["base_lr", "lr", "time", "data_time", "memory", "loss", "loss_cls"]);
        first.Single(m => m.Name == "loss").Value.ShouldBe(153.447);
        first.ShouldAllBe(m => m.Position.Epoch == 1 && m.Position.Iteration == 50 && m.Position.IterationsPerEpoch == 1000);
        first[0].Timestamp.ShouldBe(new DateTime(2023, 8, 23, 15, 52, 45));
        first[0].Phase.ShouldBe(Phase.Train);
    }

    [Fact]
    public void Val_lines_are_eval_at_the_last_training_step()
    {
        var records = FrameworkFeed.Read(Format, "mmengine/train.log");

        var map = records.Metrics.Single(m => m.Name == "coco/bbox_mAP");
        map.Phase.ShouldBe(Phase.Eval);
        map.Value.ShouldBe(0.035);
        map.Position.Epoch.ShouldBe(1);
        map.Position.Step.ShouldBe(records.Metrics.Single(m => m.Line == 5 && m.Name == "loss").Position.Step);
        records.Values("coco/bbox_mAP_m").ShouldBe([-1.0]);
        records.Values("memory", Phase.Eval).ShouldBe([300]);
    }

    [Fact]
    public void Iteration_based_lines_give_step_of_total()
    {
        var records = FrameworkFeed.Read(Format, "mmengine/train.log");

        var loss = records.Metrics.Single(m => m.Line == 9 && m.Name == "loss");
        double.IsNaN(loss.Value).ShouldBeTrue();
        loss.Position.Step.ShouldBe(50);
        loss.Position.Steps.ShouldBe(90000);
        loss.Position.Epoch.ShouldBeNull();
    }

    [Fact]
    public void Eta_days_and_checkpoints_become_events()
    {
        var records = FrameworkFeed.Read(Format, "mmengine/train.log");

        var etas = records.Events.Where(e => e.Kind == EventKind.Eta).ToList();
        etas[0].Value.ShouldBe(86400 + 2 * 3600 + 3 * 60 + 4);
        etas[^1].Value.ShouldBe(3 * 86400 + 1);
        etas.ShouldNotContain(e => e.Line == 7); // validation's eta is the evaluation's own
        var checkpoint = records.Events.Single(e => e.Kind == EventKind.Checkpoint);
        checkpoint.Line.ShouldBe(6);
        checkpoint.Value.ShouldBe(1);
    }

    [Fact]
    public void Other_messages_are_not_claimed()
    {
        var records = FrameworkFeed.Read(Format, "mmengine/train.log");

        records.Metrics.ShouldNotContain(m => m.Line < 4 || m.Line == 10);
        FrameworkFeed.One(Format, "2023/08/23 17:00:05 - mmengine - INFO - Epoch(train) [x][1/2] loss: 1").Claimed.ShouldBeFalse();
        FrameworkFeed.One(Format, "Epoch(train)  [1][ 50/1000]  loss: 153.4470").Claimed.ShouldBeFalse();
    }

    [Fact]
    public void Sniff_wants_a_metric_line()
    {
        Format.Sniff(FrameworkFeed.Sample("2023/08/23 15:52:45 - mmengine - INFO - Epoch(train)  [1][ 50/1000]  lr: 1e-3\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(FrameworkFeed.Sample("2023/08/23 15:52:45 - mmengine - INFO - hello\n")).ShouldBe(0);
    }
}
