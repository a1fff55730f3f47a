using Trainscope.Ingestion;
using Trainscope.Runs;

namespace Trainscope.Following;

/// <summary>
/// Follows the runs under the paths a user gave: finds runs as <see cref="RunDiscovery"/> does, keeps looking for new
/// files in followed directories (a new rank log, a new CSV) and adds them to the run they belong to, and polls every
/// source when a file-change notification arrives or the poll interval passes. Rotated copies of files already read
/// (`train.log.1`) are recognised and not read again.
/// </summary>
public sealed class RunFollower : IDisposable
{
    private readonly IReadOnlyList<string> _paths;
    private readonly IngestOptions _ingest;
    private readonly FollowOptions _options;
    private readonly IFollowSink? _feed;
    private readonly List<FollowedRun> _runs = [];
    private readonly Dictionary<string, FollowedRun> _runByFile = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);
    private readonly ChangeSignal _signal;
    private DateTime _lastScan = DateTime.MinValue;
    private DateTime _lastPoll = DateTime.MinValue;

    public RunFollower(IReadOnlyList<string> paths, IngestOptions ingest, FollowOptions options, IFollowSink? feed = null)
    {
        _paths = paths;
        _ingest = ingest;
        _options = options;
        _feed = feed;
        Scan(out var problems);
        Problems = problems;
        _signal = new ChangeSignal(paths, options.ForcePolling);
    }

    /// <summary>Paths that could not be read when following started.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>True when file-change notifications are in use (otherwise only the poll interval drives reading).</summary>
    public bool UsesNotifications => _signal.Active;

    public IReadOnlyList<FollowedRun> Runs => _runs;

    /// <summary>Looks for new files when due, then reads what is new in every source. Returns the bytes consumed.</summary>
    public long Poll()
    {
        var now = DateTime.UtcNow;
        if (_signal.TakeRescanRequest() || now - _lastScan >= _options.RescanInterval)
        {
            Scan(out _);
        }

        _lastPoll = now;
        long consumed = 0;
        foreach (var run in _runs)
        {
            consumed += run.Poll(now);
        }

        return consumed;
    }

    /// <summary>Waits until a followed file changes or the poll interval (or the shorter <paramref name="atMost"/>) passes; false when cancelled.</summary>
    public bool WaitForChange(CancellationToken cancellationToken, TimeSpan? atMost = null)
    {
        var timeout = atMost is { } limit && limit < _options.PollInterval ? limit : _options.PollInterval;
        var woke = _signal.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        // Under a burst of notifications, polls are spaced so a busy log costs a bounded number of reads.
        var since = DateTime.UtcNow - _lastPoll;
        if (woke && since < _options.MinimumPollGap)
        {
            cancellationToken.WaitHandle.WaitOne(_options.MinimumPollGap - since);
        }

        return !cancellationToken.IsCancellationRequested;
    }

    /// <summary>Stops following: parsers flush their pending blocks into the runs.</summary>
    public void Finish()
    {
        foreach (var run in _runs)
        {
            run.Finish();
        }
    }

    public void Dispose()
    {
        _signal.Dispose();
        Finish();
    }

    private void Scan(out IReadOnlyList<string> problems)
    {
        _lastScan = DateTime.UtcNow;
        var specs = RunDiscovery.Discover(_paths, out problems);
        foreach (var spec in specs)
        {
            var fresh = spec.Files.Where(f => !_runByFile.ContainsKey(f.Path) && !_ignored.Contains(f.Path)).ToArray();
            if (fresh.Length == 0)
            {
                continue;
            }

            var run = spec.Files.Select(f => _runByFile.GetValueOrDefault(f.Path)).FirstOrDefault(r => r is not null)
                ?? _runs.FirstOrDefault(r => r.Path == spec.Path && r.Name == spec.Name);
            foreach (var file in fresh)
            {
                if (RotatedFrom(file.Path) is { } original)
                {
                    _ignored.Add(file.Path);
                    _feed?.OnNotice(new FollowNotice(FollowNoticeKind.Appeared, file.Path, $"{file.DisplayPath} is a rotated copy of {original.Source.DisplayPath}, already read; not read again"));
                    continue;
                }

                if (run is null)
                {
                    run = new FollowedRun(spec.Name, spec.Path, _feed, _ingest, _options);
                    _runs.Add(run);
                }

                run.Add(file.Path, file.DisplayPath, file.Rank);
                _runByFile[file.Path] = run;
            }
        }
    }

    /// <summary>The followed source a new file is a rotated copy of (`train.log.1`, `train.log-20260105`, `train.1.log`).</summary>
    private SourceTail? RotatedFrom(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var rank = RankFromFileName.Parse(name);
        foreach (var tail in _runs.SelectMany(r => r.Tails))
        {
            var original = System.IO.Path.GetFileName(tail.Source.Path);
            var stem = System.IO.Path.GetFileNameWithoutExtension(original);
            var sameFolder = System.IO.Path.GetDirectoryName(path) == System.IO.Path.GetDirectoryName(tail.Source.Path);
            if (sameFolder && name != original && name.StartsWith(stem, StringComparison.Ordinal) && rank == tail.Source.Rank
                && tail.Follower.IsRotatedCopy(path))
            {
                return tail;
            }
        }

        return null;
    }
}
