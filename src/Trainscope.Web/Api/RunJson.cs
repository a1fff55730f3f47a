using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Web.Live;
using Trainscope.Web.Series;

namespace Trainscope.Web.Api;

/// <summary>Runs as the dashboard API sends them: a brief row for lists and events, and the full detail of one run.</summary>
public static class RunJson
{
    public static object Brief(RunView view, long[]? counts = null)
    {
        var run = view.Analysis.Run;
        var p = run.Progress;
        counts ??= view.Store.Counts();
        return new
        {
            id = view.Id,
            name = run.Name,
            status = view.Status,
            health = RunStatus.Health(view.Findings),
            findings = new
            {
                error = view.Findings.Count(f => f.Severity == Severity.Error),
                warning = view.Findings.Count(f => f.Severity == Severity.Warning),
                info = view.Findings.Count(f => f.Severity == Severity.Info),
            },
            progress = new
            {
                fraction = Finite(p.Fraction),
                step = p.Step,
                steps = p.Steps,
                epoch = p.Epoch,
                epochs = p.Epochs,
                etaSeconds = Finite(p.EtaSeconds),
                stepsPerSecond = Finite(p.StepsPerSecond),
                elapsedSeconds = Finite(p.ElapsedSeconds),
            },
            updated = view.UpdatedUtc,
            lastTime = run.LastTime,
            counts,
        };
    }

    public static object Detail(RunView view)
    {
        var run = view.Analysis.Run;
        var keys = view.Store.Keys;
        var counts = view.Store.Counts();
        return new
        {
            run = Brief(view, counts),
            firstTime = run.Progress.FirstTime is { } t ? (t - DateTime.UnixEpoch).TotalSeconds : (double?)null,
            series = keys.Select((k, id) =>
            {
                var summary = run.Find(k.Name, k.Phase, k.Rank);
                var role = MetricRoles.Of(k.Name);
                var last = view.Store.Last(id);
                return new
                {
                    id,
                    name = k.Name,
                    phase = k.Phase.ToName(),
                    rank = k.Rank,
                    role = role.ToString().ToLowerInvariant(),
                    group = MetricRoles.Group(role),
                    axis = summary?.Axis.ToString().ToLowerInvariant() ?? "step",
                    count = id < counts.Length ? counts[id] : 0,
                    nonFinite = summary?.NonFiniteCount ?? 0,
                    min = Finite(summary?.Min?.Value),
                    max = Finite(summary?.Max?.Value),
                    last = last is { } b ? Finite(b.LastValue) : null,
                    lastStep = last?.Step,
                };
            }).ToArray(),
            findings = view.Findings.Select(f => FindingJson.Of(f, view)).ToArray(),
            ranks = view.Analysis.Ranks.Select(r => new
            {
                rank = r.Rank,
                source = r.Source,
                lastPhase = r.LastPhase,
                lastEpoch = r.LastEpoch,
                lastStep = r.LastStep,
                lastTimestamp = r.LastTimestamp,
                silentSeconds = Finite(r.SilentSeconds),
                lines = r.Lines,
                linesPerMinute = Finite(r.LinesPerMinute),
            }).ToArray(),
            sources = run.Sources.Select(s => new { id = s.Info.Id, path = s.Info.DisplayPath, format = s.Format, lines = s.Lines }).ToArray(),
        };
    }

    public static object Window(int id, SeriesAxis axis, SeriesWindow w) => new
    {
        id,
        axis = axis.ToString().ToLowerInvariant(),
        x = w.X,
        y = w.Y,
        nonFinite = w.NonFiniteX,
        total = w.Total,
        resolution = w.Resolution,
    };

    /// <summary>The newest point of every series that grew since <paramref name="before"/> (all series when null).</summary>
    public static object[] NewPoints(RunSeriesStore store, long[] counts, long[]? before)
    {
        var points = new List<object>();
        for (var id = 0; id < counts.Length; id++)
        {
            if (before is not null && id < before.Length && before[id] == counts[id])
            {
                continue;
            }

            if (store.Last(id) is { } last)
            {
                points.Add(new { series = id, count = counts[id], step = last.Step, value = Finite(last.LastValue), time = Finite(last.Time) });
            }
        }

        return [.. points];
    }

    /// <summary>JSON has no NaN or infinity: such values go out as null.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
