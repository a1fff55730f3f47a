using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Tests.Analysis.Distributed;

public sealed class NoTimestampTests
{
    private static readonly DateTime Written = new(2026, 1, 5, 12, 0, 0);

    [Fact]
    public void Without_timestamps_silence_is_measured_from_the_files_write_times()
    {
        var run = Run(rank1WrittenMinutesEarlier: 20, rank1Epoch: 2);

        var (ranks, findings) = DistributedAnalysis.Analyze(run);

        ranks.Select(r => r.SilentSeconds).ShouldBe([0.0, 1200.0]);
        ranks.ShouldAllBe(r => r.SilenceBasis == "file-time" && r.LastTimestamp == null);
        var stalled = findings.Single(f => f.Rule == "rank-stalled");
        stalled.Rank.ShouldBe(1);
        stalled.Evidence.ShouldHaveSingleItem().Text.ShouldBe("");
        findings.Single(f => f.Rule == "rank-desync").Message.ShouldContain("rank 1 is at EPOCH 2 TRAINING START while rank 0 reached EPOCH 3 TRAINING START");
    }

    [Fact]
    public void Two_ranks_written_at_nearly_the_same_time_raise_nothing()
    {
        var (_, findings) = DistributedAnalysis.Analyze(Run(rank1WrittenMinutesEarlier: 0.5, rank1Epoch: 3));

        findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evidence_from_a_file_that_is_gone_is_empty_rather_than_an_error()
    {
        var source = new SourceInfo(0, Path.Combine(Path.GetTempPath(), "trainscope-missing-" + Guid.NewGuid()), "gone.log");

        SourceLineReader.ReadAt(source, 0).ShouldBeNull();
        SourceLineReader.Evidence(source, 7, 120).ShouldBe(new Trainscope.Analysis.Evidence("gone.log", 7, "") { Offset = 120 });
    }

    private static RunSummary Run(double rank1WrittenMinutesEarlier, int rank1Epoch)
    {
        var aggregator = new RunAggregator();
        var sources = new List<SourceSummary>();
        for (var rank = 0; rank < 2; rank++)
        {
            // Paths that do not exist: the analysis must cope when evidence cannot be read back.
            var info = new SourceInfo(rank, $"/nonexistent/rank{rank}.log", $"rank{rank}.log") { Rank = rank };
            sources.Add(new SourceSummary(info) { ModifiedTime = Written.AddMinutes(rank == 0 ? 0 : -rank1WrittenMinutesEarlier) });
            for (var line = 1; line <= 10; line++)
            {
                aggregator.OnLine(new LineActivity(info, rank, line, line * 80, null));
            }

            aggregator.OnEvent(new LogEvent
            {
                Kind = EventKind.Marker, Source = info, Line = 10, Offset = 800, Rank = rank, Text = "EPOCH TRAINING START",
                Name = "training-start", Position = new Position { Epoch = rank == 0 ? 3 : rank1Epoch },
            });
        }

        return aggregator.Build("no-timestamps", "/nonexistent", sources);
    }
}
