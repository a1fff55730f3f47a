using Trainscope.Aggregation;

namespace Trainscope.Analysis.Distributed;

/// <summary>
/// The `hang-location` case where no rank ever reached training: the logs end during start-up, with no error and no
/// completion, and the ranks stopped at different points. Model construction, DDP wrapping and the first broadcast
/// are collectives, so one rank that died or hung there leaves the others waiting without a word.
/// </summary>
internal static class StartupStall
{
    /// <summary>A rank that wrote less than this share of the median rank's lines is called behind.</summary>
    private const double BehindShare = 0.5;

    public static Finding? Find(DistributedContext context, HangFacts facts)
    {
        var ranks = context.Ranks.Where(r => r.Lines > 0).ToArray();
        if (ranks.Length < 2 || context.Completed || facts.Causes.Count > 0 || context.Run.Series.Count > 0
            || ranks.Any(r => r.LastStep is not null || r.LastEpoch is not null || r.LastMarker is not null))
        {
            return null;
        }

        var lines = ranks.Select(r => r.Lines).Order().ToArray();
        var median = lines[lines.Length / 2];
        var behind = ranks.Where(r => r.Lines < median * BehindShare).OrderBy(r => r.Lines).ToArray();
        var firstQuiet = ranks.Where(r => context.LastSeen(r.Rank) is not null).MinBy(r => context.LastSeen(r.Rank));
        var lastQuiet = ranks.Where(r => context.LastSeen(r.Rank) is not null).MaxBy(r => context.LastSeen(r.Rank));
        var spread = firstQuiet is not null && lastQuiet is not null
            ? (context.LastSeen(lastQuiet.Rank)!.Value - context.LastSeen(firstQuiet.Rank)!.Value).TotalSeconds
            : 0;
        if (behind.Length == 0 && spread < 1)
        {
            return null;
        }

        var culprit = behind.FirstOrDefault() ?? firstQuiet!;
        var why = behind.Length > 0
            ? $"rank {culprit.Rank} wrote only {culprit.Lines} lines against {median} for the median rank"
            : $"rank {culprit.Rank} went quiet first, {Durations.Text(spread)} before the last rank";
        return new Finding
        {
            Rule = HangLocationRule.Id,
            Severity = Severity.Warning,
            Rank = culprit.Rank,
            Message = $"No rank reached training: every log ends during start-up, at different points, with no error ({why}). "
                + "If the job is no longer running, it hung or died while initialising.",
            Advice = $"Start with rank {culprit.Rank}: its last line is where it stopped. Model building, DDP wrapping and the "
                + "first parameter broadcast are collectives, so the other ranks wait for it; check the node's kernel log for the "
                + "OOM killer and rerun with NCCL_DEBUG=INFO TORCH_DISTRIBUTED_DEBUG=DETAIL.",
            Evidence = ranks.OrderBy(r => r.Rank == culprit.Rank ? 0 : 1).ThenBy(r => r.Rank)
                .Select(DistributedContext.LastLine).OfType<Evidence>().Take(context.Options.MaxEvidence).ToArray(),
        };
    }
}
