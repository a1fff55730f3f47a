using System.Globalization;
using System.Runtime.InteropServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Keeps per-rank liveness, position, workers and errors for distributed runs.</summary>
public sealed class RankTracker
{
    private readonly Dictionary<int, RankSummary> _ranks = [];
    private RankSummary? _lastRank;

    // Gaps are measured per (rank, source): a rank's lines may sit in its own file and in an interleaved log that are
    // read one after the other, and mixing them would invent gaps.
    private readonly Dictionary<(int Rank, int Source), DateTime> _lastTimeBySource = [];

    /// <summary>Every readable line: liveness (last time, last line, gaps).</summary>
    public void SeeLine(in LineActivity activity)
    {
        if (activity.Rank is not int r)
        {
            return;
        }

        var summary = Rank(r);
        if (!ReferenceEquals(summary.LastSource, activity.Source))
        {
            // A rank's lines come in runs from one source, which the set already holds after the run's first line.
            summary.Sources.Add(activity.Source);
        }

        summary.Lines++;
        summary.LastSource = activity.Source;
        summary.LastLine = activity.Line;
        summary.LastOffset = activity.Offset;
        if (activity.Timestamp is not { } t)
        {
            return;
        }

        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastTimeBySource, (r, activity.Source.Id), out var seen);
        if (!seen)
        {
            last = t;
        }
        else if (t > last)
        {
            summary.AddGap(new RankGap((t - last).TotalSeconds, last, t, activity.Source, activity.Line, activity.Offset));
            last = t;
        }

        if (summary.FirstTime is null || t < summary.FirstTime)
        {
            summary.FirstTime = t;
        }

        if (summary.LastTime is null || t > summary.LastTime)
        {
            summary.LastTime = t;
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

    /// <summary>More records of the line <see cref="SeeRecord"/> saw last: only the count changes.</summary>
    public void CountRecords(int? rank, int count)
    {
        if (rank is int r && count > 0)
        {
            Rank(r).Records += count;
        }
    }

    /// <summary>A stretch of records counted apart, as if <see cref="SeeRecord"/> and <see cref="CountRecords"/> had seen them here.</summary>
    internal void Absorb(RankRecords records)
    {
        foreach (ref readonly var entry in records.Entries)
        {
            var summary = Rank(entry.Rank);
            summary.Records += entry.Records;
            summary.LastEpoch = entry.LastEpoch ?? summary.LastEpoch;
            summary.LastStep = entry.LastStep ?? summary.LastStep;
        }
    }

    public void SeeEvent(LogEvent logEvent)
    {
        var rank = logEvent.Rank ?? logEvent.Source.Rank;
        SeeRecord(rank, logEvent.Position);
        if (rank is not int r)
        {
            return;
        }

        var summary = Rank(r);
        summary.LastEvent = logEvent;
        switch (logEvent.Kind)
        {
            case EventKind.Error or EventKind.OutOfMemory:
                summary.AddError(logEvent);
                return;
            case not EventKind.Marker:
                return;
        }

        switch (logEvent.Name)
        {
            case RankEventNames.WorkerProgress:
                SeeWorkerProgress(summary, logEvent);
                break;
            case RankEventNames.CompletedIteration:
                SeeWorkerCompleted(summary, logEvent);
                break;
            case RankEventNames.ProcessedBatches:
                summary.ProcessedBatches = logEvent.Value ?? summary.ProcessedBatches;
                break;
            default:
                summary.LastMarker = logEvent;
                break;
        }
    }

    public IReadOnlyList<RankSummary> Build() => _ranks.Values.OrderBy(r => r.Rank).ToArray();

    private static void SeeWorkerProgress(RankSummary summary, LogEvent logEvent)
    {
        var worker = summary.Worker((int)(Number(logEvent, "worker") ?? 0));
        worker.LastEvent = logEvent;
        worker.Completed = false; // a new assignment starts a new pass over the data
        worker.Workers = (int?)Number(logEvent, "workers") ?? worker.Workers;
        worker.Files = Number(logEvent, "files_done") ?? (long?)logEvent.Value ?? worker.Files;
        worker.FilesTotal = Number(logEvent, "files_total") ?? worker.FilesTotal;
    }

    private static void SeeWorkerCompleted(RankSummary summary, LogEvent logEvent)
    {
        var worker = summary.Worker((int)(Number(logEvent, "worker") ?? 0));
        worker.LastEvent = logEvent;
        worker.Completed = true;
        worker.Samples = logEvent.Value ?? worker.Samples;
        worker.CompletedTime = logEvent.Timestamp ?? worker.CompletedTime;
    }

    private static long? Number(LogEvent logEvent, string attribute)
        => logEvent.Attributes is { } attributes && attributes.TryGetValue(attribute, out var text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private RankSummary Rank(int rank)
    {
        // Records arrive in runs from one rank; the last summary answers most calls without a lookup.
        if (_lastRank is { } last && last.Rank == rank)
        {
            return last;
        }

        if (!_ranks.TryGetValue(rank, out var summary))
        {
            summary = new RankSummary(rank);
            _ranks[rank] = summary;
        }

        _lastRank = summary;
        return summary;
    }
}
