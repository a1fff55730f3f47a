using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class Detectron2FormatTests
{
    private static readonly Detectron2Format Format = new();

    [Fact]
    public void Metric_lines_give_losses_times_lr_and_memory_at_their_iteration()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        var loss = records.Metrics.Where(m => m.Name == "total_loss").ToList();
        loss.Select(m => m.Value).ShouldBe([0.1769, 0.1006]);
        loss.Select(m => m.Position.Step).ShouldBe([19L, 39L]);
        loss[0].Timestamp.ShouldBe(new DateTime(1, 7, 18, 6, 32, 33));
        records.Values("max_mem").ShouldBe([1213, 14951, 14960]);
        records.Values("time").ShouldBe([0.5867, 0.5864]);
        double.IsNaN(records.Values("loss_ce").Last()).ShouldBeTrue();
    }

    [Fact]
    public void Lr_not_available_before_the_first_step_is_not_a_value()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        records.Metrics.Where(m => m.Line == 3).Select(m => m.Name).ShouldBe(["max_mem"]);
        records.Metrics.Single(m => m.Line == 3).Position.Step.ShouldBe(0);
        records.Values("lr").ShouldBe([0.0002, 1e-05]);
    }

    [Fact]
    public void Start_speed_and_total_time_become_marker_run_info_and_completion()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        var start = records.Events.Single(e => e.Name == "training-start");
        start.Kind.ShouldBe(EventKind.Marker);
        start.Line.ShouldBe(2);
        records.Events.Single(e => e.Name == "seconds_per_iteration").Value.ShouldBe(0.5878);
        var done = records.Events.Single(e => e.Kind == EventKind.Completed);
        done.Value.ShouldBe(23);
        done.Line.ShouldBe(7);
        done.Position.Step.ShouldBe(39);
    }

    [Fact]
    public void The_launch_line_gives_world_size_and_the_rank_of_a_log_without_one_in_its_name()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        var launch = records.Events.Single(e => e.Name == "world_size");
        launch.Kind.ShouldBe(EventKind.RunInfo);
        launch.Value.ShouldBe(4);
        launch.Rank.ShouldBe(0);
        records.Metrics.ShouldAllBe(m => m.Rank == 0);
        FrameworkFeed.Read(Format, "detectron2/log.txt", rank: 3).Metrics.ShouldAllBe(m => m.Rank == 3);
    }

    [Fact]
    public void The_eta_field_becomes_eta_events_in_seconds()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        var etas = records.Events.Where(e => e.Kind == EventKind.Eta).ToList();
        etas[0].Value.ShouldBe(86400 + 2 * 3600 + 3 * 60 + 4);
        etas[^1].Value.ShouldBe(600);
        etas[^1].Line.ShouldBe(5);
    }

    [Fact]
    public void Copypaste_values_are_named_from_the_task_and_the_header_before_them()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        var eval = records.Metrics.Where(m => m.Phase == Phase.Eval).ToList();
        eval.Select(m => m.Name).ShouldBe(["segm/AP", "segm/AP50", "segm/AP75", "segm/APs", "segm/APm", "segm/APl"]);
        eval[0].Value.ShouldBe(65.1157);
        double.IsNaN(eval[3].Value).ShouldBeTrue();
        eval.ShouldAllBe(m => m.Position.Step == 39 && m.Line == 12);
    }

    [Fact]
    public void Lines_of_other_loggers_and_the_ascii_table_are_left_alone()
    {
        var records = FrameworkFeed.Read(Format, "detectron2/log.txt");

        records.Metrics.ShouldNotContain(m => m.Line == 9 || m.Line == 8);
        records.Events.ShouldNotContain(e => e.Line == 13);
        FrameworkFeed.One(Format, "[07/18 06:32:41] mmengine INFO: iter: 5  loss: 0.1").Claimed.ShouldBeFalse();
        FrameworkFeed.One(Format, "eta: 0:10:00  iter: 39  total_loss: 0.1006").Claimed.ShouldBeFalse();
    }

    [Fact]
    public void Sniff_knows_detectron2_loggers()
    {
        Format.Sniff(FrameworkFeed.Sample("[07/18 06:32:33] d2.utils.events INFO:  eta: 0:10:00  iter: 19\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(FrameworkFeed.Sample("[12/21 21:00:41] detectron2 INFO: Rank of current process: 0. World size: 4\n")).ShouldBeGreaterThan(0.5);
        Format.Sniff(FrameworkFeed.Sample("Epoch 1/15\n67s - loss: 2.4808\n")).ShouldBe(0);
    }
}
