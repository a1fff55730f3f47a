namespace Trainscope.Analysis.Distributed;

/// <summary>`rank-stalled`: a rank fell silent far longer than its usual interval while the other ranks went on.</summary>
public static class RankStalledRule
{
    public const string Id = "rank-stalled";

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        var newest = context.Ranks.Select(r => context.LastSeen(r.Rank)).Max();
        foreach (var r in facts.Stalled)
        {
            var rank = context.Rank(r)!;
            var silent = context.SilentSeconds(r) ?? 0;
            var lead = newest is { } n && context.LastSeen(r) is { } seen ? (n - seen).TotalSeconds : 0;
            var usual = rank.TypicalGapSeconds is double u ? $" (it usually writes every {Durations.Text(u)})" : "";
            var phase = PhaseLabel.Of(rank.LastMarker) is { } label ? $" Its last phase is {label}." : "";
            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Warning,
                Rank = r,
                ToStep = rank.LastStep,
                Message = $"Rank {r} has been silent for {Durations.Text(silent)}{usual}, while the other ranks "
                    + $"kept writing for {Durations.Text(lead)} after its last line.{phase}",
                Advice = $"Look at rank {r}'s last line and at the process itself (py-spy dump --pid <pid>): a data-loading "
                    + "or compute stall on one rank holds every other rank at the next collective.",
                Evidence = DistributedContext.LastLine(rank) is { } last ? [last] : [],
            };
        }
    }
}
