using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`loss-spike`: a training loss jumped far above its rolling median (robust to ordinary batch noise); recovered or not.</summary>
public static class LossSpikeRule
{
    public const string Id = "loss-spike";

    /// <summary>More spiking loss terms than this are reported as one finding on the main loss.</summary>
    private const int MaxSeparate = 3;

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var found = context.WithRole(MetricRole.Loss, Phase.Train).Select(s => Worst(context, s)).OfType<Finding>().ToArray();
        if (found.Length <= MaxSeparate)
        {
            return found;
        }

        // Models with many loss terms (DETR's and Mask2Former's per-layer losses) spike together: one finding, not dozens.
        var main = found.OrderBy(f => MainLossRank(f.Metric!)).ThenByDescending(f => f.Severity).First();
        var others = found.Where(f => !ReferenceEquals(f, main)).Select(f => f.Metric!).ToArray();
        var listed = string.Join(", ", others.Take(5)) + (others.Length > 5 ? $" and {others.Length - 5} more" : "");
        return [main with { Message = $"{main.Message} {others.Length} other loss terms spiked as well ({listed})." }];
    }

    private static int MainLossRank(string name) => name switch
    {
        "loss" => 0,
        "total_loss" or "train_loss" or "lm loss" => 1,
        _ when name.EndsWith("loss", StringComparison.Ordinal) && !name.Contains('_') => 2,
        _ => 3,
    };

    private static Finding? Worst(DoctorContext context, SeriesSummary series)
    {
        var points = context.Points(series).Where(p => double.IsFinite(p.Value)).ToArray();
        var window = (int)context.Options["loss-spike.window"];
        var madFactor = context.Options["loss-spike.mad"];
        // Per-epoch values are averages over a whole epoch: a jump a tenth above the trend there is as loud as a doubled batch.
        var relative = series.Axis == AxisKind.Epoch ? context.Options["loss-spike.relative-epochs"] : context.Options["loss-spike.relative"];
        var recovery = Math.Max(0, (int)context.Options["loss-spike.recovery"]);
        if (window < 5 || points.Length < window + 1)
        {
            return null;
        }

        var values = points.Select(p => p.Value).ToArray();
        var spikes = 0;
        int? worst = null;
        double worstScore = 0, worstBaseline = 0, worstSigma = 0;
        var rolling = new RollingWindow(values, 0, window);
        for (var i = window; i < values.Length; i++)
        {
            rolling.MoveTo(i - window);
            var baseline = rolling.Median;
            var excess = values[i] - baseline;
            // The spread is costly (a sort); it is only needed for values already far above the median.
            if (excess <= 0 || excess <= relative * Math.Abs(baseline))
            {
                continue;
            }

            var sigma = RobustStats.MadToSigma * RobustStats.Mad(values, i - window, window);
            if (excess <= madFactor * sigma)
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
        return series.Finding(Id, recovered ? Severity.Info : Severity.Warning, spike.Step, points[at + after].Step,
            message: $"{series.Name} spiked to {Numbers.Text(spike.Value)} at step {spike.Step} from a running median of "
                + $"{Numbers.Text(worstBaseline)}{more}; {outcome}.",
            advice: recovered
                ? "Isolated spikes that recover are usually a hard or corrupt batch; if they repeat, lower the learning rate or enable gradient clipping."
                : "A spike that does not recover damages the weights: resume from a checkpoint before it with a lower learning rate or gradient clipping, and inspect the batch at that step.",
            evidence: DoctorContext.Evidence(points[at - 1], spike, points[at + after]));
    }
}
