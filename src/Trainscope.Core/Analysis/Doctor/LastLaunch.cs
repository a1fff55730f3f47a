using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>
/// The part of a series written by the run's last launch. Training jobs append: detectron2 relaunches into the same
/// `log.txt`, a DETR `log.txt` holds two runs, Keras prints hyper-parameter runs back to back. Trends judged across such
/// joins are artefacts (the loss "rises" when the next launch starts from scratch), so rules look at the newest launch.
/// A launch starts at a restart marker of the series' source, or where the series' step goes back.
/// </summary>
public static class LastLaunch
{
    /// <summary>Marker names formats give the first line of a new launch.</summary>
    private static readonly HashSet<string> RestartMarkers = new(StringComparer.Ordinal) { "restart", "run-restart" };

    /// <summary>A launch shorter than this many points is not judged on its own (a relaunch that died at once).</summary>
    private const int MinPoints = 10;

    /// <summary>The first line of each launch after the first, per source.</summary>
    public static IReadOnlyDictionary<SourceInfo, long[]> Starts(RunSummary run)
        => run.Events.Where(IsLaunchStart)
            .GroupBy(e => e.Source)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Line).Order().ToArray());

    // `training-start` with an epoch is a per-epoch phase marker (rank debug logs); without one it starts a launch.
    private static bool IsLaunchStart(LogEvent e)
        => e.Kind == EventKind.Marker && e.Name is { } name
            && (RestartMarkers.Contains(name) || (name == "training-start" && e.Position.Epoch is null));

    /// <summary>The series' points from its last launch with enough points; all of them when it has one launch.</summary>
    public static SeriesPoint[] Points(SeriesSummary series, IReadOnlyDictionary<SourceInfo, long[]> starts)
    {
        var points = series.Points();
        var cut = 0;
        for (var i = points.Count - 1; i > 0; i--)
        {
            if (points.Count - i < MinPoints)
            {
                continue;
            }

            if (points[i].Step < points[i - 1].Step || StartsLaunch(points[i - 1], points[i], starts))
            {
                cut = i;
                break;
            }
        }

        // The snapshot is a copy of the series' own (an array): all of it is used as it is.
        if (cut == 0 && points is SeriesPoint[] own)
        {
            return own;
        }

        var result = new SeriesPoint[points.Count - cut];
        for (var i = cut; i < points.Count; i++)
        {
            result[i - cut] = points[i];
        }

        return result;
    }

    /// <summary>True when a restart marker of the points' source lies between the two points.</summary>
    private static bool StartsLaunch(SeriesPoint before, SeriesPoint at, IReadOnlyDictionary<SourceInfo, long[]> starts)
    {
        if (!ReferenceEquals(before.Source, at.Source) || !starts.TryGetValue(at.Source, out var lines))
        {
            return false;
        }

        foreach (var line in lines)
        {
            if (line > before.Line && line <= at.Line)
            {
                return true;
            }
        }

        return false;
    }
}
