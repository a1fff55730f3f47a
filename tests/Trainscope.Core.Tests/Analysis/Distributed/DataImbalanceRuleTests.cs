using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Tests.Analysis.Distributed;

public sealed class DataImbalanceRuleTests
{
    [Theory]
    [InlineData(1000, 1000, false)]
    [InlineData(1001, 1000, false)]
    [InlineData(1500, 1000, true)]
    public void Uneven_file_assignments_across_ranks_are_reported(long rank0Files, long rank1Files, bool reported)
    {
        var aggregator = new RunAggregator();
        var time = new DateTime(2026, 1, 5, 10, 0, 0);
        foreach (var (rank, files) in new[] { (0, rank0Files), (1, rank1Files) })
        {
            var source = new SourceInfo(rank, $"debug_rank{rank}.log", $"debug_rank{rank}.log") { Rank = rank };
            aggregator.OnLine(new LineActivity(source, rank, 1, 0, time));
            aggregator.OnEvent(new LogEvent
            {
                Kind = EventKind.Marker, Source = source, Line = 1, Rank = rank, Timestamp = time, Name = RankEventNames.WorkerProgress,
                Text = $"[Rank {rank}/2 Worker 0/1] Processing {files}/8000 files from train_shards",
                Attributes = new Dictionary<string, string> { ["worker"] = "0", ["workers"] = "1", ["files_done"] = files.ToString(), ["files_total"] = "8000" },
            });
        }

        var (_, findings) = DistributedAnalysis.Analyze(aggregator.Build("run", ".", []));

        if (!reported)
        {
            findings.ShouldBeEmpty();
            return;
        }

        var finding = findings.ShouldHaveSingleItem();
        finding.Rule.ShouldBe("data-imbalance");
        finding.Rank.ShouldBe(1);
        finding.Message.ShouldBe("Data is split unevenly: rank 0 worker 0 has 1500 files, rank 1 worker 0 only 1000.");
        finding.Evidence.Count.ShouldBe(2);
    }
}
