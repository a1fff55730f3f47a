using Trainscope.Aggregation;

namespace Trainscope.Analysis.Doctor;

/// <summary>Findings about one series: metric, phase and rank come from the series, the rest from the rule.</summary>
internal static class SeriesFindings
{
    public static Finding Finding(this SeriesSummary series, string rule, Severity severity, long? fromStep, long? toStep,
        string message, string advice, IReadOnlyList<Evidence> evidence) => new()
    {
        Rule = rule,
        Severity = severity,
        Metric = series.Name,
        Phase = series.Key.Phase,
        Rank = series.Key.Rank,
        FromStep = fromStep,
        ToStep = toStep,
        Message = message,
        Advice = advice,
        Evidence = evidence,
    };
}
