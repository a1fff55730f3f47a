using Spectre.Console;
using Trainscope.Analysis;
using Trainscope.Analysis.Distributed;
using Trainscope.Cli.Presentation;
using Trainscope.Following;
using Trainscope.Ingestion;

namespace Trainscope.Cli.Commands;

/// <summary>
/// One `watch`: a loop on one thread that polls the followed runs, analyses snapshots about once a second, announces
/// new findings (and runs `--exec`), and feeds the plain output or the live view. Ctrl-C, SIGTERM and `q` end it
/// cleanly, leaving the terminal as it was.
/// </summary>
internal sealed class WatchSession
{
    private static readonly TimeSpan AnalysisInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdleRenderInterval = TimeSpan.FromSeconds(1);
    private readonly CliIo _io;
    private readonly Settings _settings;
    private readonly FindingAlerts _alerts;
    private readonly Dictionary<string, HashSet<int?>> _stalled = [];
    private DateTime _lastAnalysis = DateTime.MinValue;

    public WatchSession(CliIo io, Settings settings)
    {
        _io = io;
        _settings = settings;
        _alerts = new FindingAlerts(settings.Exec, settings.AlertOn, io.Error);
    }

    /// <summary>What `watch` was asked to do.</summary>
    public sealed record Settings(IReadOnlyList<string> Paths, IngestOptions Ingest, FollowOptions Follow, bool Plain, string? Exec, Severity AlertOn)
    {
        /// <summary>The doctor's settings (`--gpu-memory`, `--set`, `trainscope.json`), as `analyze` reads them.</summary>
        public Analysis.Doctor.DoctorOptions Doctor { get; init; } = Analysis.Doctor.DoctorOptions.Default;
    }

    public int Run()
    {
        var missing = _settings.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            throw new UserError(ExitCodes.Usage, string.Join(Environment.NewLine, missing.Select(p => $"{p}: no such file or directory")));
        }

        using var stop = new StopSignal(_io.Stop);
        try
        {
            var capabilities = _io.Console.Profile.Capabilities;
            var live = !_settings.Plain && capabilities.Interactive && capabilities.Ansi;
            StartKeyReader(stop);
            return live ? RunLive(stop.Token) : RunPlain(stop.Token);
        }
        finally
        {
            stop.Cancel();
            _alerts.Drain();
        }
    }

    private int RunPlain(CancellationToken stop)
    {
        var feed = new PlainFeed(_io.StandardOutput);
        using var follower = Start(feed);
        try
        {
            do
            {
                follower.Poll();
                Analyze(follower, DateTime.UtcNow, force: false, feed.OnFinding, feed.OnText);
                feed.Flush();
            }
            while (follower.WaitForChange(stop));

            follower.Finish();
            Analyze(follower, DateTime.UtcNow, force: true, feed.OnFinding, feed.OnText);
            feed.Flush();
        }
        catch (IOException)
        {
            // The reader of our output went away (`| head`): nothing left to do.
        }

        return ExitCodes.Ok;
    }

    private int RunLive(CancellationToken stop)
    {
        var feed = new LiveFeed();
        var view = new LiveView(_settings.Follow);
        using var follower = Start(feed);
        var mode = follower.UsesNotifications ? "file notifications + polling" : $"polling every {_settings.Follow.PollInterval.TotalMilliseconds:0} ms";
        _io.Console.AlternateScreen(() => _io.Console.Live(Text.Empty)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Bottom)
            .Start(context =>
            {
                var lastRender = DateTime.MinValue;
                var dirty = true;
                TimeSpan? wait;
                do
                {
                    dirty |= follower.Poll() > 0;
                    var now = DateTime.UtcNow;
                    var since = now - lastRender;
                    if ((dirty && since >= RenderInterval) || since >= IdleRenderInterval)
                    {
                        var runs = follower.Runs.Select(r => new LiveView.RunView(r, r.Snapshot())).ToArray();
                        Analyze(follower, now, force: false, _ => { }, _ => { }, runs);
                        context.UpdateTarget(view.Render(runs, _alerts.Announced, feed, mode, DateTime.UtcNow));
                        context.Refresh();
                        lastRender = now;
                        dirty = false;
                    }

                    // New lines wait at most until the next frame is due, so the view lags the log by one frame at most.
                    wait = dirty ? RenderInterval - (DateTime.UtcNow - lastRender) : null;
                }
                while (follower.WaitForChange(stop, wait));
            }));
        _io.Console.MarkupLine($"[grey]trainscope watch: stopped after {feed.Lines:N0} lines; {_alerts.Announced.Count} finding(s)[/]");
        foreach (var (at, run, f) in _alerts.Announced.TakeLast(10))
        {
            _io.Console.MarkupLine($"  [grey]{at:HH:mm:ss}[/] {Markup.Escape(f.Severity.ToString().ToLowerInvariant())} [bold]{Markup.Escape(f.Rule)}[/] {Markup.Escape(run)}: {Markup.Escape(f.Message)}");
        }

        return ExitCodes.Ok;
    }

    private RunFollower Start(IFollowSink feed)
    {
        var follower = new RunFollower(_settings.Paths, _settings.Ingest, _settings.Follow, feed);
        if (follower.Problems.Count > 0)
        {
            follower.Dispose();
            throw new UserError(ExitCodes.Usage, string.Join(Environment.NewLine, follower.Problems));
        }

        return follower;
    }

    /// <summary>Runs the analyses and the stall check about once a second and announces what is new.</summary>
    private void Analyze(RunFollower follower, DateTime now, bool force, Action<Finding> announce, Action<string> say, IReadOnlyList<LiveView.RunView>? snapshots = null)
    {
        if (!force && now - _lastAnalysis < AnalysisInterval)
        {
            return;
        }

        _lastAnalysis = now;
        foreach (var run in follower.Runs)
        {
            var snapshot = snapshots?.FirstOrDefault(s => s.Run == run)?.Snapshot ?? run.Snapshot();
            var stalls = force ? [] : run.Stalls(snapshot, now);
            // The distributed analysis judges silences on the log's own clock; "now" is this moment, as the job writes times.
            var options = new AnalysisOptions
            {
                Doctor = _settings.Doctor,
                Distributed = DistributedOptions.Default with
                {
                    Now = DateTime.Now,
                    StallFactor = _settings.Follow.StallFactor,
                    MinStallSeconds = _settings.Follow.StallMinimum.TotalSeconds,
                },
            };
            // Info findings (healthy, best-metric, a recovered spike) describe the run's state; they are not alerts.
            var findings = RunAnalysis.Analyze(snapshot, options).Findings.Where(f => f.Severity >= Severity.Warning).Concat(stalls);
            foreach (var finding in _alerts.Consider(run.Name, findings))
            {
                announce(finding);
            }

            var stalledNow = stalls.Select(s => s.Rank).ToHashSet();
            var before = _stalled.GetValueOrDefault(run.Name) ?? [];
            foreach (var rank in before.Where(r => !stalledNow.Contains(r)))
            {
                _alerts.Forget(run.Name, rank);
                say($"notice=resumed run={run.Name} rank={rank?.ToString() ?? "-"} text=\"writing again\"");
            }

            _stalled[run.Name] = stalledNow;
        }
    }

    private static void StartKeyReader(StopSignal stop)
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!Console.KeyAvailable)
                    {
                        stop.Token.WaitHandle.WaitOne(50);
                        continue;
                    }

                    if (Console.ReadKey(intercept: true).KeyChar is 'q' or 'Q')
                    {
                        stop.Cancel();
                    }
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException)
            {
                // No usable keyboard after all: Ctrl-C still works.
            }
        })
        {
            IsBackground = true,
            Name = "watch keys",
        };
        thread.Start();
    }
}
