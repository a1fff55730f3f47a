using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Records;

namespace Trainscope.Reporting.Charts;

/// <summary>What the x axis of a chart measures.</summary>
public enum ChartAxis : byte
{
    Step,
    Epoch,

    /// <summary>Seconds since the run's first timestamp.</summary>
    Time,
}

/// <summary>Picks the series of a run to chart: the named metrics, or by default its losses.</summary>
public static class ChartSelection
{
    private const int DefaultPanels = 6;
    private const int MaxSeriesPerPanel = 8;

    /// <summary>
    /// One panel per metric name. A name matches case-insensitively, either bare (`loss`: every phase) or with a phase
    /// (`eval/loss`). With no names, the run's losses (most samples first), else its longest series.
    /// </summary>
    public static IReadOnlyList<ChartPanel> Select(RunSummary run, IReadOnlyList<string> metrics, ChartAxis axis = ChartAxis.Step)
    {
        var names = metrics.Count > 0 ? metrics : DefaultMetrics(run);
        var start = run.Progress.FirstTime;
        var panels = new List<ChartPanel>();
        foreach (var wanted in names)
        {
            var series = run.Series.Where(s => Matches(s, wanted)).Take(MaxSeriesPerPanel)
                .Select(s => ToChart(s, axis, start)).Where(c => c.X.Length > 0).ToArray();
            if (series.Length > 0)
            {
                panels.Add(new ChartPanel(series[0].Metric, series));
            }
        }

        return panels;
    }

    /// <summary>Metric names the run has, for messages when a requested one is missing.</summary>
    public static IEnumerable<string> Available(RunSummary run) => run.Series.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal);

    private static IReadOnlyList<string> DefaultMetrics(RunSummary run)
    {
        var byName = run.Series.GroupBy(s => s.Name).Select(g => (Name: g.Key, Count: g.Sum(s => s.Count))).ToArray();
        var losses = byName.Where(n => MetricRoles.Of(n.Name) == MetricRole.Loss).OrderByDescending(n => n.Count).Select(n => n.Name).ToArray();
        return (losses.Length > 0 ? losses : byName.OrderByDescending(n => n.Count).Select(n => n.Name)).Take(DefaultPanels).ToArray();
    }

    private static bool Matches(SeriesSummary series, string wanted)
    {
        if (string.Equals(series.Name, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = wanted.IndexOf('/');
        return slash > 0 && PhaseNames.TryFromWord(wanted.AsSpan(0, slash), out var phase) && phase == series.Key.Phase
            && string.Equals(series.Name, wanted[(slash + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    private static ChartSeries ToChart(SeriesSummary series, ChartAxis axis, DateTime? start)
    {
        var points = series.Points();
        var xs = new List<double>(points.Count);
        var ys = new List<double>(points.Count);
        foreach (var p in points)
        {
            double? x = axis switch
            {
                ChartAxis.Epoch => p.Epoch ?? (double?)p.Step,
                ChartAxis.Time => p.Time is { } t && start is { } s ? (t - s).TotalSeconds : null,
                _ => p.Step,
            };
            if (x is double value)
            {
                xs.Add(value);
                ys.Add(p.Value);
            }
        }

        return new ChartSeries(series.Name, series.Key.Phase, series.Key.Rank, [.. xs], [.. ys]);
    }
}
