using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Web.Live;
using Trainscope.Web.Series;

namespace Trainscope.Web.Api;

/// <summary>Runs as the dashboard API sends them: a brief row for lists and events, and the full detail of one run.</summary>
public static class RunJson
{
    public static RunBrief Brief(RunView view, long[]? counts = null)
    {
        var run = view.Analysis.Run;
        var p = run.Progress;
        counts ??= view.Store.Counts();
        return new RunBrief(
            view.Id,
            run.Name,
            view.Status,
            RunStatus.Health(view.Findings),
            new FindingCounts(
                view.Findings.Count(f => f.Severity == Severity.Error),
                view.Findings.Count(f => f.Severity == Severity.Warning),
                view.Findings.Count(f => f.Severity == Severity.Info)),
            new ProgressEntry(
                Finite(p.Fraction),
                p.Step,
                p.Steps,
                p.Epoch,
                p.Epochs,
                Finite(p.EtaSeconds),
                Finite(p.StepsPerSecond),
                Finite(p.ElapsedSeconds)),
            view.UpdatedUtc,
            run.LastTime,
            counts);
    }

    public static RunDetail Detail(RunView view)
    {
        var run = view.Analysis.Run;
        var keys = view.Store.Keys;
        var counts = view.Store.Counts();
        return new RunDetail(
            Brief(view, counts),
            run.Progress.FirstTime is { } t ? (t - DateTime.UnixEpoch).TotalSeconds : null,
            keys.Select((k, id) =>
            {
                var summary = run.Find(k.Name, k.Phase, k.Rank);
                var role = MetricRoles.Of(k.Name);
                var last = view.Store.Last(id);
                return new SeriesEntry(
                    id,
                    k.Name,
                    k.Phase.ToName(),
                    k.Rank,
                    role.ToString().ToLowerInvariant(),
                    MetricRoles.Group(role),
                    summary?.Axis.ToString().ToLowerInvariant() ?? "step",
                    id < counts.Length ? counts[id] : 0,
                    summary?.NonFiniteCount ?? 0,
                    Finite(summary?.Min?.Value),
                    Finite(summary?.Max?.Value),
                    last is { } b ? Finite(b.LastValue) : null,
                    last?.Step);
            }).ToArray(),
            view.Findings.Select(f => FindingJson.Of(f, view)).ToArray(),
            view.Analysis.Ranks.Select(r => new RankEntry(
                r.Rank,
                r.Source,
                r.LastPhase,
                r.LastEpoch,
                r.LastStep,
                r.LastTimestamp,
                Finite(r.SilentSeconds),
                r.Lines,
                Finite(r.LinesPerMinute))).ToArray(),
            run.Sources.Select(s => new SourceEntry(s.Info.Id, s.Info.DisplayPath, s.Format, s.Lines)).ToArray());
    }

    public static WindowEntry Window(int id, SeriesAxis axis, SeriesWindow w)
        => new(id, axis.ToString().ToLowerInvariant(), w.X, w.Y, w.NonFiniteX, w.Total, w.Resolution);

    /// <summary>The newest point of every series that grew since <paramref name="before"/> (all series when null).</summary>
    public static NewPoint[] NewPoints(RunSeriesStore store, long[] counts, long[]? before)
    {
        var points = new List<NewPoint>();
        for (var id = 0; id < counts.Length; id++)
        {
            if (before is not null && id < before.Length && before[id] == counts[id])
            {
                continue;
            }

            if (store.Last(id) is { } last)
            {
                points.Add(new NewPoint(id, counts[id], last.Step, Finite(last.LastValue), Finite(last.Time)));
            }
        }

        return [.. points];
    }

    /// <summary>JSON has no NaN or infinity: such values go out as null.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
