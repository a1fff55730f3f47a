using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>Finds the facts the rules share: per-rank causes, stalled ranks, NCCL timeouts, kills.</summary>
public static class FailureScan
{
    public static HangFacts Scan(DistributedContext context)
    {
        var errors = ErrorEvents(context);
        var causes = context.Ranks.Select(Cause).OfType<RankCause>()
            .OrderBy(c => c.Error.Timestamp ?? DateTime.MaxValue).ThenBy(c => c.Rank).ToArray();
        return new HangFacts(
            causes,
            Stalled(context, causes),
            errors.Where(FailureText.IsNcclTimeout).ToArray(),
            errors.Where(e => !FailureText.IsNcclTimeout(e) && FailureText.IsKill(e)).ToArray());
    }

    /// <summary>Ranks whose output ended well before the others': a minority, or behind the others in position.</summary>
    public static IReadOnlyList<int> Stalled(DistributedContext context, IReadOnlyList<RankCause> causes)
    {
        var seen = context.Ranks.Where(r => context.LastSeen(r.Rank) is not null).ToArray();
        if (seen.Length < 2)
        {
            return [];
        }

        var newest = seen.Max(r => context.LastSeen(r.Rank)!.Value);
        var behind = seen.Where(r => (newest - context.LastSeen(r.Rank)!.Value).TotalSeconds > context.StallThreshold(r.Rank)
            && context.IsSilent(r.Rank)).ToArray();
        if (behind.Length == 0)
        {
            return [];
        }

        var others = seen.Except(behind).ToArray();
        var minority = behind.Length * 2 < seen.Length;
        // Half or more going quiet can also be the others waiting on one busy rank (rank 0 saving a checkpoint):
        // only call them stalled when they are also behind in position.
        var positionBehind = behind.All(b => others.All(o => Progress(o).CompareTo(Progress(b)) > 0));
        if (!minority && !positionBehind)
        {
            return [];
        }

        return behind.Select(r => r.Rank).Where(r => causes.All(c => c.Rank != r)).ToArray();
    }

    private static (int Phase, long Step) Progress(RankSummary rank)
        => (PhaseLabel.Progress(rank.LastMarker) ?? -1, rank.LastStep ?? -1);

    private static RankCause? Cause(RankSummary rank)
    {
        LogEvent? traceback = null;
        var consequenceSeen = false;
        foreach (var e in rank.Errors)
        {
            if (e.Name == RankEventNames.Traceback)
            {
                traceback ??= e;
                continue;
            }

            if (FailureText.IsConsequence(e))
            {
                consequenceSeen = true;
                traceback = null;
                continue;
            }

            return new RankCause(rank.Rank, e, traceback);
        }

        // A bare traceback whose exception line was not recognised still counts, unless a kill or timeout explains it.
        return traceback is not null && !consequenceSeen ? new RankCause(rank.Rank, traceback, null) : null;
    }

    private static List<LogEvent> ErrorEvents(DistributedContext context)
    {
        var seen = new HashSet<(int, long)>();
        var list = new List<LogEvent>();
        foreach (var e in context.Ranks.SelectMany(r => r.Errors)
            .Concat(context.Run.Events.Where(e => e.Kind is EventKind.Error or EventKind.Warning or EventKind.OutOfMemory)))
        {
            if (seen.Add((e.Source.Id, e.Line)))
            {
                list.Add(e);
            }
        }

        return list;
    }
}
