using Trainscope.Aggregation;

namespace Trainscope.Analysis.Distributed;

/// <summary>
/// `hang-location`: where a hung run is stuck, read from the ranks' last phase markers: between TRAINING END and
/// VALIDATION START → a DDP collective waiting for a rank; after VALIDATION END → checkpoint saving or the LR scheduler;
/// one rank silent while the others wait → that rank's data loading or compute; all silent in one phase → a collective
/// or I/O. Not reported when a rank's error already explains the hang.
/// </summary>
public static class HangLocationRule
{
    public const string Id = "hang-location";

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        if (facts.Causes.Count > 0)
        {
            return [];
        }

        if (facts.Stalled.Count > 0)
        {
            return [OneRankBehind(context, facts)];
        }

        if (StartupStall.Find(context, facts) is { } startup)
        {
            return [startup];
        }

        var seen = context.Ranks.Where(r => context.LastSeen(r.Rank) is not null).ToArray();
        var allSilent = seen.Length > 0 && !context.Completed && seen.All(r => context.IsSilent(r.Rank));
        return allSilent || facts.Timeouts.Count > 0 ? [AllWaiting(context, facts, seen)] : [];
    }

    private static Finding OneRankBehind(DistributedContext context, HangFacts facts)
    {
        var rank = facts.Stalled.Select(r => context.Rank(r)!).MinBy(r => context.LastSeen(r.Rank))!;
        var last = DistributedContext.LastLine(rank);
        var where = IsDataLoading(rank, last) ? "data loading" : "data loading or compute";
        var phase = PhaseLabel.Of(rank.LastMarker) is { } label ? $" in {label}" : "";
        return new Finding
        {
            Rule = Id,
            Severity = facts.Timeouts.Count > 0 ? Severity.Error : Severity.Warning,
            Rank = rank.Rank,
            ToStep = rank.LastStep,
            Message = $"The hang is most likely in rank {rank.Rank}'s {where}: it stopped writing{phase} while the other "
                + "ranks went on and are now waiting for it at the next collective.",
            Advice = where == "data loading"
                ? $"Check rank {rank.Rank}'s data: the shard its workers were reading, a dead DataLoader worker, slow storage."
                : $"Dump rank {rank.Rank}'s stack (py-spy dump) to see whether it is stuck loading a batch or computing one.",
            Evidence = last is null ? [] : [last],
        };
    }

    private static Finding AllWaiting(DistributedContext context, HangFacts facts, RankSummary[] seen)
    {
        var placed = seen.Where(r => PhaseLabel.Progress(r.LastMarker) is not null).ToArray();
        var slowest = placed.MinBy(r => PhaseLabel.Progress(r.LastMarker));
        var same = placed.Length == seen.Length && placed.Length > 0
            && placed.All(r => PhaseLabel.Progress(r.LastMarker) == PhaseLabel.Progress(slowest!.LastMarker));
        var (where, advice) = Place(PhaseLabel.Order(slowest?.LastMarker?.Name));
        var phase = PhaseLabel.Of(slowest?.LastMarker);
        var silent = seen.Min(r => context.SilentSeconds(r.Rank)) ?? 0;
        var message = same
            ? $"All ranks stopped after {phase} and have been silent for at least {Durations.Text(silent)}: the hang is most likely {where}."
            : slowest is not null
                ? $"The ranks stopped at different points; rank {slowest.Rank} is furthest behind, after {phase}: the hang is most likely {where}."
                : silent < 1 && facts.Timeouts.Count > 0
                    ? "The ranks that reported were all blocked in a collective when the watchdog fired: most likely a collective or I/O hang."
                    : $"All ranks have been silent for at least {Durations.Text(silent)}: most likely a collective or I/O hang.";
        return new Finding
        {
            Rule = Id,
            Severity = facts.Timeouts.Count > 0 || facts.Kills.Count > 0 ? Severity.Error : Severity.Warning,
            Rank = same ? null : slowest?.Rank,
            Message = message,
            Advice = advice,
            Evidence = seen.Select(r => r.LastMarker is { } m ? SourceLineReader.Evidence(m) : DistributedContext.LastLine(r))
                .OfType<Evidence>().Take(context.Options.MaxEvidence).ToArray(),
        };
    }

    private static (string Where, string Advice) Place(int? order) => order switch
    {
        1 => ("in a DDP collective or barrier between TRAINING END and VALIDATION START, waiting for a rank that did not join",
            "Check that every rank runs the same number of training batches (uneven shards, drop_last) and that no code "
                + "between training and validation runs a collective on some ranks only."),
        3 => ("in checkpoint saving or the learning-rate scheduler step after VALIDATION END",
            "Check the checkpoint write (slow or full storage, rank 0 saving while the others wait at a barrier) and "
                + "any collective inside the scheduler or early-stopping logic that only some ranks reach."),
        2 => ("in a collective or I/O during validation",
            "Check that every rank gets the same number of validation batches and that metric gathering runs on all ranks."),
        _ => ("in a collective (a gradient all-reduce) or I/O that every rank is blocked on",
            "Dump the stacks of all ranks (py-spy dump) and rerun with NCCL_DEBUG=INFO to see which collective never completes."),
    };

    private static bool IsDataLoading(RankSummary rank, Evidence? last)
    {
        if (rank.LastEvent is { Name: RankEventNames.WorkerProgress or RankEventNames.CompletedIteration } e
            && e.Line == rank.LastLine && e.Source == rank.LastSource)
        {
            return true;
        }

        var text = last?.Text ?? "";
        return text.Contains("shard", StringComparison.OrdinalIgnoreCase) || text.Contains("Worker", StringComparison.Ordinal)
            || text.Contains("DataLoader", StringComparison.Ordinal) || text.Contains("Loading", StringComparison.OrdinalIgnoreCase);
    }
}
