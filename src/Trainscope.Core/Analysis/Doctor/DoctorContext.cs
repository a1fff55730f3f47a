using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>What the doctor's rules share: the run, the settings, series by role, curves (built once), evidence.</summary>
public sealed class DoctorContext
{
    private readonly Dictionary<SeriesKey, MetricCurve?> _curves = [];
    private readonly Dictionary<SeriesKey, SeriesPoint[]> _points = [];
    private readonly IReadOnlyDictionary<SourceInfo, long[]> _launches;

    public DoctorContext(RunSummary run, DoctorOptions options, IReadOnlyList<Finding>? others = null)
    {
        Run = run;
        Options = options;
        Others = others ?? [];
        Reported = Others.SelectMany(f => f.Evidence).Select(e => (e.Path, e.Line)).ToHashSet();
        Metrics = PrimarySeries(run);
        _launches = LastLaunch.Starts(run);
    }

    public RunSummary Run { get; }
    public DoctorOptions Options { get; }

    /// <summary>Findings other analyses (the distributed diagnosis) already made.</summary>
    public IReadOnlyList<Finding> Others { get; }

    /// <summary>Lines other analyses already cite as evidence, so the doctor does not say the same thing twice.</summary>
    public IReadOnlySet<(string Path, long Line)> Reported { get; }

    /// <summary>One series per (name, phase): the rank-less one, else the lowest rank's (ranks repeat each other's metrics).</summary>
    public IReadOnlyList<SeriesSummary> Metrics { get; }

    /// <summary>
    /// The primary series of a role. Adversarial losses (a GAN's discriminator and generator) are left out of
    /// <see cref="MetricRole.Loss"/>: they pull against each other and are not meant to fall, so trend rules would
    /// misjudge them; `non-finite` still looks at every series.
    /// </summary>
    public IEnumerable<SeriesSummary> WithRole(MetricRole role, Phase? phase = null)
        => Metrics.Where(s => MetricRoles.Of(s.Name) == role && (phase is null || s.Key.Phase == phase)
            && !(role == MetricRole.Loss && MetricRoles.IsAdversarial(s.Name)));

    /// <summary>The kept points of the series from the run's last launch (see <see cref="LastLaunch"/>).</summary>
    public SeriesPoint[] Points(SeriesSummary series)
    {
        if (!_points.TryGetValue(series.Key, out var points))
        {
            points = LastLaunch.Points(series, _launches);
            _points[series.Key] = points;
        }

        return points;
    }

    public MetricCurve? Curve(SeriesSummary series)
    {
        if (!_curves.TryGetValue(series.Key, out var curve))
        {
            curve = Curves.Of(Run, series, Points(series));
            _curves[series.Key] = curve;
        }

        return curve;
    }

    public static Evidence Evidence(SeriesPoint point) => SourceLineReader.Evidence(point.Source, point.Line, point.Offset);

    public static IReadOnlyList<Evidence> Evidence(params ReadOnlySpan<SeriesPoint?> points)
    {
        var list = new List<Evidence>();
        foreach (var p in points)
        {
            if (p is { } point && !list.Exists(e => e.Line == point.Line && e.Path == point.Source.DisplayPath))
            {
                list.Add(Evidence(point));
            }
        }

        return list;
    }

    private static SeriesSummary[] PrimarySeries(RunSummary run)
        => run.Series.GroupBy(s => (s.Key.Name, s.Key.Phase))
            .Select(g => g.OrderBy(s => s.Key.Rank ?? -1).First())
            .ToArray();
}
