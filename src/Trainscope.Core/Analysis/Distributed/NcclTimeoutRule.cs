using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>`nccl-timeout`: the NCCL watchdog gave up on a collective; names the ranks, the collective and who never came.</summary>
public static class NcclTimeoutRule
{
    public const string Id = "nccl-timeout";

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        if (facts.Timeouts.Count == 0)
        {
            yield break;
        }

        var byRank = facts.Timeouts.Where(e => FailureText.RankOf(e) is not null)
            .GroupBy(e => FailureText.RankOf(e)!.Value).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.First());
        var first = byRank.Values.FirstOrDefault() ?? facts.Timeouts[0];
        var op = FailureText.Field(first, "op", "OpType=");
        var seq = FailureText.Field(first, "seq", "SeqNum=");
        var timeout = FailureText.Field(first, "timeout_ms", "Timeout(ms)=");
        var ran = FailureText.Field(first, "ran_ms", "ran for ");
        var missing = context.Ranks.Select(r => r.Rank).Where(r => !byRank.ContainsKey(r)).ToArray();

        var message = "The NCCL watchdog timed out"
            + (byRank.Count > 0 ? $" on {Durations.Ranks(byRank.Keys)}" : "")
            + (op is not null ? $" in {op}" : "")
            + (seq is not null ? $" (SeqNum {seq})" : "")
            + (ran is not null && timeout is not null ? $" after {ran} ms against a {timeout} ms timeout." : ".");
        int? suspect = null;
        if (facts.Causes.Count > 0)
        {
            suspect = facts.Causes[0].Rank;
            message += $" Rank {suspect} had failed before with an error.";
        }
        else if (missing.Length > 0 && byRank.Count > 0)
        {
            suspect = missing.Length == 1 ? missing[0] : null;
            message += $" {Durations.Ranks(missing)} reported no timeout: most likely never reached the collective.";
        }
        else if (LowestSeq(byRank) is { } behind)
        {
            suspect = behind.Rank;
            message += $" Rank {behind.Rank} is at the lowest SeqNum ({behind.Seq}): it is behind the others.";
        }

        var evidence = byRank.Values.Select(SourceLineReader.Evidence).ToList();
        if (suspect is int s && context.Rank(s) is { } rank && DistributedContext.LastLine(rank) is { } last)
        {
            evidence.Insert(0, last);
        }

        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Error,
            Rank = suspect,
            Message = message,
            Advice = facts.Causes.Count > 0
                ? $"The timeouts follow rank {facts.Causes[0].Rank}'s error: fix that first."
                : "Look at what the rank that did not join was doing (its last lines). If the collective is only slow "
                    + "(rank 0 saving or evaluating alone), raise the timeout in init_process_group; rerun with "
                    + "NCCL_DEBUG=INFO and TORCH_DISTRIBUTED_DEBUG=DETAIL to see which rank is missing.",
            Evidence = (evidence.Count > 0 ? evidence : [SourceLineReader.Evidence(facts.Timeouts[0])])
                .Take(context.Options.MaxEvidence).ToArray(),
        };
    }

    private static (int Rank, long Seq)? LowestSeq(Dictionary<int, LogEvent> byRank)
    {
        var seqs = byRank.Select(p => (p.Key, Seq: long.TryParse(FailureText.Field(p.Value, "seq", "SeqNum="), out var n) ? n : -1))
            .Where(p => p.Seq >= 0).ToArray();
        if (seqs.Length < 2 || seqs.All(p => p.Seq == seqs[0].Seq))
        {
            return null;
        }

        var lowest = seqs.MinBy(p => p.Seq);
        return (lowest.Key, lowest.Seq);
    }
}
