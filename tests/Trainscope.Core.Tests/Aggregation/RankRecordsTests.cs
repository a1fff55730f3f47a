using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public sealed class RankRecordsTests
{
    [Fact]
    public void Records_counted_apart_and_absorbed_give_the_ranks_seeing_them_gives()
    {
        var direct = new RankTracker();
        var folded = new RankTracker();
        var records = new RankRecords();
        int?[] ranks = [0, 0, 1, null, 1, 3, 0, 3, 3, 1];
        for (var i = 0; i < ranks.Length; i++)
        {
            // Every third record names no step: the last step named must survive it.
            var position = new Position { Epoch = i / 4, Step = i % 3 == 2 ? null : i * 10 };
            direct.SeeRecord(ranks[i], position);
            direct.CountRecords(ranks[i], i % 4);
            records.SeeRecord(ranks[i], position);
            records.CountRecords(ranks[i], i % 4);
        }

        folded.Absorb(records);

        Describe(folded).ShouldBe(Describe(direct));
        Describe(folded).ShouldBe(["0: 6 records, epoch 1 step 60", "1: 6 records, epoch 2 step 90", "3: 7 records, epoch 2 step 70"]);
    }

    [Fact]
    public void Cleared_records_start_over()
    {
        var records = new RankRecords();
        records.SeeRecord(2, new Position { Step = 5 });
        records.Clear();
        records.SeeRecord(4, new Position { Step = 6 });

        records.Entries.Length.ShouldBe(1);
        records.Entries[0].Rank.ShouldBe(4);
        records.Entries[0].Records.ShouldBe(1);
    }

    private static string[] Describe(RankTracker tracker) =>
        tracker.Build().Select(r => $"{r.Rank}: {r.Records} records, epoch {r.LastEpoch} step {r.LastStep}").ToArray();
}
