using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public class ProgressCompletionTests
{
    private static readonly SourceInfo Source = new(0, "trainer_state.json", "trainer_state.json");

    [Fact]
    public void A_completion_at_a_step_beyond_the_last_logged_step_finishes_the_progress()
    {
        var tracker = new ProgressTracker();
        tracker.See(new MetricSample { Source = Source, Name = "loss", Value = 0.3, Position = new Position { Step = 5000, Steps = 5490 } });
        tracker.Build().Fraction!.Value.ShouldBeLessThan(1);

        tracker.See(new LogEvent { Kind = EventKind.Completed, Source = Source, Line = 1, Text = "done", Position = new Position { Step = 5490, Steps = 5490 } });

        var progress = tracker.Build();
        progress.Step.ShouldBe(5490);
        progress.Fraction.ShouldBe(1);
        progress.EtaSeconds.ShouldBe(0);
    }

    [Fact]
    public void A_completion_without_a_step_leaves_the_progress_as_it_was()
    {
        var tracker = new ProgressTracker();
        tracker.See(new MetricSample { Source = Source, Name = "loss", Value = 0.3, Position = new Position { Step = 10, Steps = 100 } });

        tracker.See(new LogEvent { Kind = EventKind.Completed, Source = Source, Line = 1, Text = "Training completed in 1:40:23" });

        tracker.Build().Step.ShouldBe(10);
    }
}
