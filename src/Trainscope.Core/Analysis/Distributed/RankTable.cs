using Trainscope.Aggregation;

namespace Trainscope.Analysis.Distributed;

/// <summary>Builds the per-rank rows: position, last phase, silence, pace, workers.</summary>
public static class RankTable
{
    public static IReadOnlyList<RankRow> Build(DistributedContext context)
        => context.Ranks.Select(r => Row(context, r)).ToArray();

    private static RankRow Row(DistributedContext context, RankSummary rank)
    {
        var threshold = context.StallThreshold(rank.Rank);
        var usual = rank.TypicalGapSeconds;
        var longGapFloor = Math.Max(context.Options.MinStallSeconds, usual is double u ? u * context.Options.StallFactor : 0);
        return new RankRow
        {
            Rank = rank.Rank,
            Source = DistributedContext.MainSource(rank)?.DisplayPath ?? "",
            Sources = rank.Sources.OrderBy(s => s.Id).Select(s => s.DisplayPath).ToArray(),
            LastPhase = PhaseLabel.Of(rank.LastMarker),
            LastEpoch = rank.LastEpoch,
            LastStep = rank.LastStep,
            LastTimestamp = rank.LastTime,
            SilentSeconds = context.SilentSeconds(rank.Rank),
            SilenceBasis = context.LastSeen(rank.Rank) is null ? null : context.UsesFileTimes ? "file-time" : "timestamp",
            Lines = rank.Lines,
            LinesPerMinute = rank.LinesPerMinute,
            TypicalIntervalSeconds = usual,
            MaxGapSeconds = rank.MaxGapSeconds,
            StallThresholdSeconds = threshold,
            LongGaps = rank.LargestGaps.Where(g => g.Seconds > longGapFloor).ToArray(),
            LastLine = DistributedContext.LastLine(rank),
            ProcessedBatches = rank.ProcessedBatches,
            Workers = rank.Workers.Values.OrderBy(w => w.Worker)
                .Select(w => new WorkerRow(w.Worker, w.Workers, w.Files, w.FilesTotal, w.Completed, w.Samples)).ToArray(),
            Errors = rank.ErrorCount,
        };
    }
}
