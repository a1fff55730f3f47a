using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>`rank-desync`: ranks are at different epochs or phases for longer than a passing moment; names the slowest.</summary>
public static class RankDesyncRule
{
    public const string Id = "rank-desync";

    // Synchronised ranks can be a phase apart for a moment, never two epochs.
    private const int EpochsApartAlwaysReported = 2;

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        var placed = context.Ranks
            .Select(r => (Rank: r, Progress: PhaseLabel.Progress(r.LastMarker)))
            .Where(p => p.Progress is not null).ToArray();
        if (placed.Length < 2)
        {
            yield break;
        }

        var slowest = placed.OrderBy(p => p.Progress).ThenBy(p => context.LastSeen(p.Rank.Rank) ?? DateTime.MinValue).First();
        var fastest = placed.MaxBy(p => p.Progress);
        if (slowest.Progress == fastest.Progress || facts.Causes.Any(c => c.Rank == slowest.Rank.Rank))
        {
            yield break;
        }

        var epochsApart = (fastest.Rank.LastMarker!.Position.Epoch ?? 0) - (slowest.Rank.LastMarker!.Position.Epoch ?? 0);
        if (epochsApart < EpochsApartAlwaysReported && !context.IsSilent(slowest.Rank.Rank))
        {
            yield break;
        }

        var behind = placed.Where(p => p.Progress < fastest.Progress).Select(p => p.Rank.Rank).ToArray();
        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Warning,
            Rank = slowest.Rank.Rank,
            Message = $"Ranks are at different points: rank {slowest.Rank.Rank} is at {PhaseLabel.Of(slowest.Rank.LastMarker)} "
                + $"while rank {fastest.Rank.Rank} reached {PhaseLabel.Of(fastest.Rank.LastMarker)}"
                + (behind.Length > 1 ? $" ({Durations.Ranks(behind)} are behind)." : "."),
            Advice = $"Rank {slowest.Rank.Rank} is the slowest: find out what holds it (its last lines, its data, its GPU). "
                + "Ranks that run different numbers of batches or skip a collective drift apart and then hang.",
            Evidence = new[] { slowest.Rank.LastMarker, fastest.Rank.LastMarker }.OfType<LogEvent>()
                .Select(SourceLineReader.Evidence).ToArray(),
        };
    }
}
