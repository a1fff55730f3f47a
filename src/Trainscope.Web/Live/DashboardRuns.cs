using System.Threading.Channels;
using Trainscope.Analysis;
using Trainscope.Analysis.Distributed;
using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Web.Api;
using Trainscope.Web.Series;

namespace Trainscope.Web.Live;

/// <summary>
/// Follows the served runs on one thread, as `watch` does: polls the <see cref="RunFollower"/>, fills each run's
/// <see cref="RunSeriesStore"/>, publishes a fresh <see cref="RunView"/> at most every <see cref="PublishInterval"/>
/// after new lines (analysing at most once a second), and pushes events to every subscriber.
/// </summary>
public sealed class DashboardRuns : IDisposable
{
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan AnalysisInterval = TimeSpan.FromSeconds(1);
    private readonly RunFollower _follower;
    private readonly FollowOptions _follow;
    private readonly StoreFeed _feed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _subscribersLock = new();
    private readonly List<Channel<DashboardEvent>> _subscribers = [];
    private readonly Dictionary<FollowedRun, HashSet<string>> _announced = [];
    private readonly Dictionary<int, long[]> _lastCounts = [];
    private readonly Thread _thread;
    private volatile RunView[] _views = [];
    private DateTime _lastAnalysis = DateTime.MinValue;
    private long _version;

    public DashboardRuns(IReadOnlyList<string> paths, IngestOptions ingest, FollowOptions follow, int storeCapacity = SeriesStore.DefaultCapacity)
    {
        Roots = paths.Select(Path.GetFullPath).ToArray();
        _follow = follow;
        _feed = new StoreFeed(storeCapacity);
        _follower = new RunFollower(paths, ingest, follow, _feed);
        Problems = _follower.Problems;
        _feed.Runs = () => _follower.Runs;
        _thread = new Thread(Loop) { IsBackground = true, Name = "serve follow" };
    }

    /// <summary>The paths being served, absolute; only files under them are ever read for excerpts.</summary>
    public IReadOnlyList<string> Roots { get; }

    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<RunView> Views => _views;

    public RunView? Find(int id) => id >= 0 && id < _views.Length ? _views[id] : null;

    /// <summary>Reads what the logs hold already, publishes the first views, then follows on the loop thread.</summary>
    public void Start()
    {
        // The first page load then shows the run as it is, not an empty run still being read.
        _follower.Poll();
        Refresh(force: true);
        _thread.Start();
    }

    /// <summary>A stream of events until <paramref name="cancellationToken"/> fires; slow readers lose the oldest events, never block the loop.</summary>
    public async IAsyncEnumerable<DashboardEvent> Subscribe([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DashboardEvent>(new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_subscribersLock)
        {
            _subscribers.Add(channel);
        }

        try
        {
            yield return DashboardEvent.Hello(_views.Length);
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_subscribersLock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _follower.Dispose();
        _stop.Dispose();
    }

    private void Loop()
    {
        var lastPublish = DateTime.MinValue;
        var dirty = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                dirty |= _follower.Poll() > 0 || _follower.Runs.Count != _views.Length;
                var since = DateTime.UtcNow - lastPublish;
                if ((dirty && since >= PublishInterval) || since >= AnalysisInterval)
                {
                    Refresh(force: false);
                    lastPublish = DateTime.UtcNow;
                    dirty = false;
                }

                // New lines wait at most one publish interval, so the chart lags the log by well under a second.
                var wait = dirty ? PublishInterval - (DateTime.UtcNow - lastPublish) : (TimeSpan?)null;
                if (!_follower.WaitForChange(_stop.Token, wait))
                {
                    break;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped while waiting.
        }
    }

    private void Refresh(bool force)
    {
        var now = DateTime.UtcNow;
        var analyse = force || now - _lastAnalysis >= AnalysisInterval;
        var old = _views;
        var views = new RunView[_follower.Runs.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var run = _follower.Runs[i];
            var previous = i < old.Length ? old[i] : null;
            var snapshot = run.Snapshot();
            var store = _feed.StoreOf(run);
            var counts = store.Counts();
            var changed = !_lastCounts.TryGetValue(i, out var before) || !counts.AsSpan().SequenceEqual(before);
            _lastCounts[i] = counts;
            AnalysisResult analysis;
            IReadOnlyList<Finding> findings;
            if (analyse || previous is null)
            {
                var stalls = run.Stalls(snapshot, now);
                var options = new AnalysisOptions
                {
                    Distributed = DistributedOptions.Default with
                    {
                        Now = DateTime.Now,
                        StallFactor = _follow.StallFactor,
                        MinStallSeconds = _follow.StallMinimum.TotalSeconds,
                    },
                };
                analysis = RunAnalysis.Analyze(snapshot, options);
                findings = [.. analysis.Findings, .. stalls];
            }
            else
            {
                analysis = previous.Analysis with { Run = snapshot };
                findings = previous.Findings;
            }

            var status = RunStatus.Of(analysis, findings.Where(f => f.Rule == StallCheck.Rule).ToArray());
            var view = new RunView(i, run, store, analysis, findings, status, changed || previous is null ? now : previous.UpdatedUtc, Interlocked.Increment(ref _version));
            views[i] = view;
            if (changed || previous?.Status != status)
            {
                Publish(DashboardEvent.Run(new RunEvent(RunJson.Brief(view, counts), RunJson.NewPoints(store, counts, before))));
            }

            AnnounceNew(view);
        }

        if (analyse)
        {
            _lastAnalysis = now;
        }

        _views = views;
    }

    private void AnnounceNew(RunView view)
    {
        if (!_announced.TryGetValue(view.Run, out var seen))
        {
            seen = [];
            _announced[view.Run] = seen;
        }

        foreach (var finding in view.Findings)
        {
            if (seen.Add($"{finding.Rule}|{finding.Metric}|{finding.Rank}|{finding.FromStep}"))
            {
                Publish(DashboardEvent.Finding(new FindingEvent(view.Id, FindingJson.Of(finding, view))));
            }
        }
    }

    private void Publish(DashboardEvent item)
    {
        lock (_subscribersLock)
        {
            foreach (var channel in _subscribers)
            {
                channel.Writer.TryWrite(item);
            }
        }
    }
}
