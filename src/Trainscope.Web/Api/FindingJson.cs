using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Web.Live;

namespace Trainscope.Web.Api;

/// <summary>Turns a finding into what the dashboard API sends (<see cref="FindingEntry"/>).</summary>
public static class FindingJson
{
    public static FindingEntry Of(Finding finding, RunView view) => new(
        finding.Rule,
        finding.Severity.ToString().ToLowerInvariant(),
        finding.Metric,
        finding.Phase?.ToName(),
        finding.Rank,
        finding.FromStep,
        finding.ToStep,
        finding.Message,
        finding.Advice,
        finding.Evidence.Select(e => new EvidenceEntry(SourceIdOf(e.Path, view.Sources), e.Path, e.Line, e.Text)).ToArray());

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
