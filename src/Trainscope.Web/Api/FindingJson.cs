using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Web.Live;

namespace Trainscope.Web.Api;

/// <summary>A finding as the dashboard API sends it; evidence names its source by id so excerpts never take a path.</summary>
public static class FindingJson
{
    public static object Of(Finding finding, RunView view) => new
    {
        rule = finding.Rule,
        severity = finding.Severity.ToString().ToLowerInvariant(),
        metric = finding.Metric,
        phase = finding.Phase?.ToName(),
        rank = finding.Rank,
        fromStep = finding.FromStep,
        toStep = finding.ToStep,
        message = finding.Message,
        advice = finding.Advice,
        evidence = finding.Evidence.Select(e => new
        {
            source = SourceIdOf(e.Path, view.Sources),
            path = e.Path,
            line = e.Line,
            text = e.Text,
        }).ToArray(),
    };

    /// <summary>The source an evidence path names (as displayed or in full), or null.</summary>
    public static int? SourceIdOf(string path, IReadOnlyList<SourceInfo> sources)
    {
        foreach (var source in sources)
        {
            if (source.DisplayPath == path || source.Path == path)
            {
                return source.Id;
            }
        }

        return null;
    }
}
