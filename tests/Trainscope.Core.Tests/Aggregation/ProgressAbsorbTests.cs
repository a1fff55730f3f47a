using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

/// <summary>A stretch of samples followed apart and absorbed must leave the progress seeing them one by one leaves.</summary>
public sealed class ProgressAbsorbTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0);
    private static readonly SourceInfo Source = new(0, "train.log", "train.log");

    public static TheoryData<int, int> Cuts() => new()
    {
        { 0, 0 },    // nothing before, the whole run later
        { 10, 0 },   // time goes back at the cut: the later window must skip what is not newer
        { 150, 30 }, // more than a window on each side
        { 199, 5 },  // a single sample later
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Absorbing_a_later_stretch_equals_seeing_its_samples_in_turn(int cut, int rewindSeconds)
    {
        var samples = Samples(200, cut, rewindSeconds);
        var oneByOne = new ProgressTracker();
        foreach (var sample in samples)
        {
            oneByOne.See(sample);
        }

        var folded = new ProgressTracker();
        var later = new ProgressTracker();
        later.See(new MetricSample { Source = Source, Name = "loss", Value = 9, Position = new Position { Step = 999_999 } });
        later.Clear();
        for (var i = 0; i < samples.Length; i++)
        {
            (i < cut ? folded : later).See(samples[i]);
        }

        folded.Absorb(later);

        folded.Build().ShouldBe(oneByOne.Build());
    }

    [Fact]
    public void An_empty_stretch_changes_nothing()
    {
        var tracker = new ProgressTracker();
        foreach (var sample in Samples(50, 50, 0))
        {
            tracker.See(sample);
        }

        var before = tracker.Build();
        tracker.Absorb(new ProgressTracker());

        tracker.Build().ShouldBe(before);
    }

    private static MetricSample[] Samples(int count, int cut, int rewindSeconds)
    {
        var samples = new MetricSample[count];
        for (var i = 0; i < count; i++)
        {
            // Epochs of 40 iterations; the total is named only from sample 20 on, so the absorbed side must keep it.
            var seconds = i * 3 - (i >= cut ? rewindSeconds : 0) + (i % 7 == 0 ? 5 : 0);
            samples[i] = new MetricSample
            {
                Source = Source,
                Name = "loss",
                Value = 1.0 / (i + 1),
                Timestamp = T0.AddSeconds(seconds),
                Phase = i % 25 == 24 ? Phase.Eval : Phase.Train,
                Position = new Position
                {
                    Epoch = i / 40 + 1,
                    Epochs = i >= 20 ? 5 : null,
                    Iteration = i % 40,
                    IterationsPerEpoch = 40,
                },
            };
        }

        return samples;
    }
}
