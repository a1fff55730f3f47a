using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Keeps per-rank liveness and position for distributed runs.</summary>
public sealed class RankTracker
{
    private readonly Dictionary<int, RankSummary> _ranks = [];

    /// <summary>Every readable line: liveness (last time, last line, gaps).</summary>
    public void SeeLine(in LineActivity activity)
    {
        if (activity.Rank is not int r)
        {
            return;
        }

        var summary = Rank(r);
        summary.Sources.Add(activity.Source);
        summary.LastSource = activity.Source;
        summary.LastLine = activity.Line;
        summary.LastOffset = activity.Offset;
        if (activity.Timestamp is { } t)
        {
            if (summary.LastTime is { } previous && t > previous)
            {
                summary.MaxGapSeconds = Math.Max(summary.MaxGapSeconds, (t - previous).TotalSeconds);
            }

            summary.FirstTime ??= t;
            if (summary.LastTime is null || t > summary.LastTime)
            {
                summary.LastTime = t;
            }
        }
    }

    /// <summary>A record on a rank: its position.</summary>
    public void SeeRecord(int? rank, in Position position)
    {
        if (rank is not int r)
        {
            return;
        }

        var summary = Rank(r);
        summary.Records++;
        summary.LastEpoch = position.Epoch ?? summary.LastEpoch;
        summary.LastStep = position.Step ?? summary.LastStep;
    }

    public void SeeEvent(LogEvent logEvent)
    {
        SeeRecord(logEvent.Rank, logEvent.Position);
        if (logEvent.Kind == EventKind.Marker && logEvent.Rank is int rank)
        {
            Rank(rank).LastMarker = logEvent;
        }
    }

    public IReadOnlyList<RankSummary> Build() => _ranks.Values.OrderBy(r => r.Rank).ToArray();

    private RankSummary Rank(int rank)
    {
        if (!_ranks.TryGetValue(rank, out var summary))
        {
            summary = new RankSummary(rank);
            _ranks[rank] = summary;
        }

        return summary;
    }
}
