using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`loss-spike`: a training loss jumped far above its rolling median (robust to ordinary batch noise); recovered or not.</summary>
public static class LossSpikeRule
{
    public const string Id = "loss-spike";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        foreach (var series in context.WithRole(MetricRole.Loss, Phase.Train))
        {
            if (Worst(context, series) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private static Finding? Worst(DoctorContext context, SeriesSummary series)
    {
        var points = series.Points().Where(p => double.IsFinite(p.Value)).ToArray();
        var window = (int)context.Options["loss-spike.window"];
        var madFactor = context.Options["loss-spike.mad"];
        var relative = context.Options["loss-spike.relative"];
        var recovery = Math.Max(0, (int)context.Options["loss-spike.recovery"]);
        if (window < 5 || points.Length < window + 1)
        {
            return null;
        }

        var values = points.Select(p => p.Value).ToArray();
        var spikes = 0;
        int? worst = null;
        double worstScore = 0, worstBaseline = 0, worstSigma = 0;
        for (var i = window; i < values.Length; i++)
        {
            var baseline = RobustStats.Median(values, i - window, window);
            var sigma = RobustStats.MadToSigma * RobustStats.Mad(values, i - window, window);
            var excess = values[i] - baseline;
            if (excess <= madFactor * sigma || excess <= relative * Math.Abs(baseline) || excess <= 0)
            {
                continue;
            }

            spikes++;
            var score = sigma > 0 ? excess / sigma : double.MaxValue;
            if (worst is null || score > worstScore)
            {
                (worst, worstScore, worstBaseline, worstSigma) = (i, score, baseline, sigma);
            }

            i += Math.Max(1, recovery / 2); // one spike is several high batches; count it once
        }

        if (worst is not int at)
        {
            return null;
        }

        var spike = points[at];
        var after = Math.Min(recovery, values.Length - at - 1);
        var recovered = after > 0 && RobustStats.Median(values, at + 1, after) <= worstBaseline + (3 * Math.Max(worstSigma, 0.05 * Math.Abs(worstBaseline)));
        var more = spikes > 1 ? $" ({spikes} spikes in all)" : "";
        var outcome = after == 0 ? "it is the last value logged" : recovered ? "it recovered within " + after + " values" : "it did not recover";
        return new Finding
        {
            Rule = Id,
            Severity = recovered ? Severity.Info : Severity.Warning,
            Metric = series.Name,
            Phase = series.Key.Phase,
            Rank = series.Key.Rank,
            FromStep = spike.Step,
            ToStep = points[at + after].Step,
            Message = $"{series.Name} spiked to {Numbers.Text(spike.Value)} at step {spike.Step} from a running median of "
                + $"{Numbers.Text(worstBaseline)}{more}; {outcome}.",
            Advice = recovered
                ? "Isolated spikes that recover are usually a hard or corrupt batch; if they repeat, lower the learning rate or enable gradient clipping."
                : "A spike that does not recover damages the weights: resume from a checkpoint before it with a lower learning rate or gradient clipping, and inspect the batch at that step.",
            Evidence = DoctorContext.Evidence(points[at - 1], spike, points[at + after]),
        };
    }
}
