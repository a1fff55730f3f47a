using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Following;
using Trainscope.Records;

namespace Trainscope.Cli.Presentation;

/// <summary>
/// The full-screen `watch` view: per run and rank a progress bar with epoch/step, speed, ETA and silence timer; the main
/// metrics with last value, running mean and a sparkline; the newest findings and notices. The widget tree is rebuilt
/// only when its structure changes (a rank, metric or finding appears); otherwise cells are updated in place.
/// </summary>
internal sealed class LiveView
{
    private const int MetricRows = 6;
    private const int FindingRows = 5;
    private const int BarWidth = 20;
    private readonly FollowOptions _follow;
    private readonly Dictionary<string, RateMeter> _rates = [];
    private readonly List<(Table Ranks, Table Metrics)> _runTables = [];
    private Table _header = new();
    private Table _findings = new();
    private IRenderable _root = Text.Empty;
    private string _structure = "";

    public LiveView(FollowOptions follow)
    {
        _follow = follow;
    }

    /// <summary>One run as the view shows it.</summary>
    public sealed record RunView(FollowedRun Run, RunSummary Snapshot);

    public IRenderable Render(IReadOnlyList<RunView> runs, IReadOnlyList<(DateTime At, string Run, Finding Finding)> findings, LiveFeed feed, string mode, DateTime now)
    {
        var rows = runs.Select(r => RankRows(r, now)).ToArray();
        var metrics = runs.Select(r => MainSeries(r.Snapshot)).ToArray();
        var shownFindings = findings.TakeLast(FindingRows).Reverse().ToArray();
        var notices = feed.Notices.ToArray();
        var structure = Structure(runs, rows, metrics, shownFindings.Length + notices.Length);
        if (structure != _structure)
        {
            _structure = structure;
            Build(runs, rows, metrics, shownFindings.Length + notices.Length);
        }

        _header.UpdateCell(0, 0, Header(runs, feed, mode));
        for (var r = 0; r < runs.Count; r++)
        {
            var (ranks, metricTable) = _runTables[r];
            for (var i = 0; i < rows[r].Length; i++)
            {
                var cells = rows[r][i].Cells;
                for (var c = 0; c < cells.Length; c++)
                {
                    ranks.UpdateCell(i, c, cells[c]);
                }
            }

            for (var i = 0; i < metrics[r].Length; i++)
            {
                var cells = MetricCells(metrics[r][i], runs[r].Snapshot);
                for (var c = 0; c < cells.Length; c++)
                {
                    metricTable.UpdateCell(i, c, cells[c]);
                }
            }
        }

        var row = 0;
        foreach (var (at, run, f) in shownFindings)
        {
            var colour = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
            var rank = f.Rank is int k ? $" rank {k}" : "";
            _findings.UpdateCell(row++, 0, $"[grey]{at:HH:mm:ss}[/] [{colour}]{f.Severity.ToString().ToLowerInvariant()}[/] [bold]{Markup.Escape(f.Rule)}[/]{rank} [grey]{Markup.Escape(run)}[/]: {Markup.Escape(f.Message)}");
        }

        foreach (var notice in notices.Reverse())
        {
            _findings.UpdateCell(row++, 0, $"[grey]{Markup.Escape(notice)}[/]");
        }

        return _root;
    }

    private void Build(IReadOnlyList<RunView> runs, RankRow[][] rows, SeriesSummary[][] metrics, int findingRows)
    {
        var parts = new List<IRenderable>();
        _header = new Table().HideHeaders().NoBorder().AddColumn("");
        _header.AddRow("");
        parts.Add(_header);
        _runTables.Clear();
        for (var r = 0; r < runs.Count; r++)
        {
            var ranks = new Table().Border(TableBorder.Simple)
                .AddColumns("Rank", "Source", "Progress", "Epoch", "Step", "Speed", "ETA", "Silent");
            foreach (var rankRow in rows[r])
            {
                ranks.AddRow(rankRow.Cells);
            }

            var metricTable = new Table().Border(TableBorder.Simple).AddColumns("Metric", "Phase", "Rank", "Last", "Mean", "Trend", "Count");
            foreach (var _ in metrics[r])
            {
                metricTable.AddRow("", "", "", "", "", "", "");
            }

            _runTables.Add((ranks, metricTable));
            var body = metrics[r].Length > 0 ? new Rows(ranks, metricTable) : (IRenderable)ranks;
            parts.Add(new Panel(body).Header($"[bold]{Markup.Escape(runs[r].Run.Name)}[/] [grey]{Markup.Escape(runs[r].Run.Path)}[/]").Expand());
        }

        _findings = new Table().NoBorder().AddColumn("[bold]Findings and notices[/]");
        for (var i = 0; i < findingRows; i++)
        {
            _findings.AddRow("");
        }

        if (findingRows > 0)
        {
            parts.Add(_findings);
        }

        _root = new Rows(parts);
    }

    private static string Structure(IReadOnlyList<RunView> runs, RankRow[][] rows, SeriesSummary[][] metrics, int findingRows)
    {
        var key = new StringBuilder();
        for (var r = 0; r < runs.Count; r++)
        {
            key.Append(runs[r].Run.Name).Append('|');
            foreach (var row in rows[r])
            {
                key.Append(row.Key).Append(',');
            }

            key.Append('|');
            foreach (var s in metrics[r])
            {
                key.Append(s.Key).Append(',');
            }
        }

        return key.Append('|').Append(findingRows).ToString();
    }

    private static string Header(IReadOnlyList<RunView> runs, LiveFeed feed, string mode)
    {
        var sources = runs.Sum(r => r.Snapshot.Sources.Count);
        return $"[bold]trainscope watch[/]  {runs.Count} run{(runs.Count == 1 ? "" : "s")} · {sources} source{(sources == 1 ? "" : "s")} · "
            + $"{feed.Lines:N0} lines read · {Markup.Escape(mode)}   [grey]q or Ctrl-C to quit[/]";
    }

    private readonly record struct RankRow(string Key, string[] Cells);

    private RankRow[] RankRows(RunView view, DateTime now)
    {
        var run = view.Snapshot;
        var progress = run.Progress;
        var entries = view.Run.Liveness.Entries.OrderBy(e => e.Rank ?? int.MaxValue).ThenBy(e => e.Source.Id).ToArray();
        var rows = new List<RankRow>();
        foreach (var entry in entries)
        {
            var rank = entry.Rank is int r ? run.Ranks.FirstOrDefault(x => x.Rank == r) : null;
            var step = rank is not null ? rank.LastStep : progress.Step;
            var epoch = rank is not null ? rank.LastEpoch : progress.Epoch;
            var key = $"{view.Run.Name}/{entry.Source.Id}/{entry.Rank}";
            if (!_rates.TryGetValue(key, out var meter))
            {
                meter = new RateMeter();
                _rates[key] = meter;
            }

            var speed = meter.See(now, step) ?? (rank is null ? progress.StepsPerSecond : null);
            double? fraction = step is long s && progress.Steps is long total && total > 0 ? Math.Clamp((double)s / total, 0, 1) : rank is null ? progress.Fraction : null;
            double? eta = step is long st && progress.Steps is long t2 && speed is double v && v > 0 ? (t2 - st) / v : rank is null ? progress.EtaSeconds : null;
            rows.Add(new RankRow(key,
            [
                entry.Rank?.ToString() ?? "-",
                Markup.Escape(entry.Source.DisplayPath),
                Bar(fraction),
                epoch is int e ? (progress.Epochs is int es ? $"{e}/{es}" : e.ToString()) : "-",
                step is long sp ? (progress.Steps is long ss ? $"{sp:N0}/{ss:N0}" : sp.ToString("N0")) : "-",
                speed is double sv ? $"{Formatting.Number(Math.Round(sv, sv >= 10 ? 0 : 2))} it/s" : "-",
                Formatting.Duration(eta),
                Silence(entry, now),
            ]));
        }

        return rows.ToArray();
    }

    private string Silence(Liveness.Entry entry, DateTime now)
    {
        var silent = Formatting.Duration(entry.SilentSeconds(now));
        if (StallCheck.IsStalled(entry, _follow, now))
        {
            return $"[bold red]STALLED {silent}[/]";
        }

        return StallCheck.Threshold(entry, _follow) is { } limit && entry.SilentSeconds(now) > limit.TotalSeconds / 2 ? $"[yellow]{silent}[/]" : silent;
    }

    private static string Bar(double? fraction)
    {
        if (fraction is not double f)
        {
            return "[grey]" + new string('─', BarWidth) + "[/]";
        }

        var filled = (int)Math.Round(f * BarWidth);
        return $"[green]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] {f * 100:0.0}%";
    }

    private static SeriesSummary[] MainSeries(RunSummary run)
        => run.Series
            .OrderByDescending(s => s.Name.Contains("loss", StringComparison.OrdinalIgnoreCase))
            .ThenBy(s => s.Key.Phase)
            .ThenBy(s => s.Key.Rank ?? -1)
            .ThenByDescending(s => s.Count)
            .Take(MetricRows)
            .ToArray();

    private static string[] MetricCells(SeriesSummary s, RunSummary run)
    {
        var points = s.Points();
        return
        [
            Markup.Escape(s.Name),
            s.Key.Phase.ToName(),
            s.Key.Rank?.ToString() ?? "",
            Formatting.Number(s.Last?.Value),
            Formatting.Number(s.Mean),
            Sparkline.Render(points, 24),
            s.Count.ToString("N0"),
        ];
    }
}
