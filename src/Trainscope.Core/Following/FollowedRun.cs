using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Ingestion;
using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>One run being followed: its sources, the aggregator they feed, and their silence timers.</summary>
public sealed class FollowedRun
{
    private readonly List<SourceTail> _tails = [];
    private readonly IRecordSink _sink;
    private readonly IFollowSink? _feed;
    private readonly IngestOptions _ingest;
    private readonly FollowOptions _options;

    internal FollowedRun(string name, string path, IFollowSink? feed, IngestOptions ingest, FollowOptions options)
    {
        Name = name;
        Path = path;
        _feed = feed;
        _ingest = ingest;
        _options = options;
        Aggregator = new RunAggregator(ingest.PointsPerSeries);
        // The feed is isolated last: if it fails, aggregation and liveness go on.
        IRecordSink own = new TeeSink(Aggregator, Liveness);
        _sink = feed is null ? own : new TeeSink(own, feed);
    }

    public string Name { get; }

    public string Path { get; }

    public RunAggregator Aggregator { get; }

    public Liveness Liveness { get; } = new();

    public IReadOnlyList<SourceTail> Tails => _tails;

    /// <summary>The run as analysis and presentation see it, built from everything read so far.</summary>
    public RunSummary Snapshot() => Aggregator.Build(Name, Path, _tails.Select(t => t.Snapshot()).ToArray());

    /// <summary>`rank-stalled` findings for sources or ranks silent far longer than usual (none once the job completed).</summary>
    public IReadOnlyList<Finding> Stalls(RunSummary snapshot, DateTime now)
        => StallCheck.Check(Liveness, _options, now, snapshot.EventCounts.GetValueOrDefault(EventKind.Completed) > 0);

    internal SourceTail Add(string path, string displayPath, int? rank)
    {
        var source = new SourceInfo(_tails.Count, path, displayPath) { Rank = rank };
        var tail = new SourceTail(source, _sink, _feed, _ingest, _options);
        _tails.Add(tail);
        return tail;
    }

    internal long Poll(DateTime now)
    {
        Liveness.Now = now;
        long consumed = 0;
        foreach (var tail in _tails)
        {
            consumed += tail.Poll();
        }

        return consumed;
    }

    internal void Finish()
    {
        foreach (var tail in _tails)
        {
            tail.Finish();
            tail.Dispose();
        }
    }
}
