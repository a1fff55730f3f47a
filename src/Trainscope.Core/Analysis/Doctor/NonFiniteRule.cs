using Trainscope.Aggregation;

namespace Trainscope.Analysis.Doctor;

/// <summary>`non-finite`: a loss or gradient norm became NaN or infinite.</summary>
/// <remarks>
/// Other metrics going NaN (a `step_avg` timer in warm-up, precision before any positive prediction) are not training
/// failures and are reported as info. A few infinite gradient norms with finite losses are fp16 loss scaling skipping
/// steps, a warning.
/// </remarks>
public static class NonFiniteRule
{
    public const string Id = "non-finite";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        if (LossScaleCollapse(context) is { } collapse)
        {
            yield return collapse;
        }

        var lossesFinite = context.WithRole(MetricRole.Loss).All(s => s.NonFiniteCount == 0);
        // Every rank counts here (a NaN on one rank is enough), but each metric is reported once: where it came first.
        var firsts = context.Run.Series.Where(s => s.FirstNonFinite is not null)
            .GroupBy(s => (s.Name, s.Key.Phase))
            .Select(g => g.OrderBy(s => s.FirstNonFinite!.Value.Step).ThenBy(s => s.Key.Rank ?? -1).First());
        foreach (var series in firsts)
        {
            var first = series.FirstNonFinite!.Value;

            var role = MetricRoles.Of(series.Name);
            if (role is MetricRole.IterationTime or MetricRole.DataTime or MetricRole.Throughput)
            {
                continue; // timers print NaN until they have an average (modded-nanoGPT's `step_avg:nanms` in warm-up)
            }

            var count = series.NonFiniteCount;
            var what = $"{series.Name} is {Numbers.Text(first.Value)} first at step {first.Step}"
                + (first.Epoch is int e ? $" (epoch {e})" : "") + $", {count} of {series.Count} values non-finite";
            var (severity, advice) = role switch
            {
                MetricRole.Loss => (Severity.Error, "Training has failed numerically: resume from the last checkpoint before this step with a lower "
                    + "learning rate, gradient clipping, or bf16 instead of fp16; check the batch at this step for bad inputs or labels."),
                MetricRole.GradNorm when lossesFinite && count <= context.Options["non-finite.fp16-fraction"] * series.Count
                    => (Severity.Warning, "With fp16 the loss scaler skips such steps and lowers the scale; harmless if rare. If it keeps "
                        + "happening, lower the learning rate or use bf16."),
                MetricRole.GradNorm => (Severity.Error, "Gradients overflowed: enable clipping (max_grad_norm), lower the learning rate, "
                    + "or switch fp16 to bf16; resume from a checkpoint before this step."),
                _ => (Severity.Info, "This metric is not a loss: NaN here (a timer in warm-up, a ratio with nothing to count yet) does "
                    + "not by itself mean training failed."),
            };
            yield return series.Finding(Id, severity, first.Step, series.Last?.Step,
                message: what + ".",
                advice: advice,
                evidence: DoctorContext.Evidence(first, LastFinite(series)));
        }
    }

    private static SeriesPoint? LastFinite(SeriesSummary series)
    {
        SeriesPoint? last = null;
        foreach (var p in series.Points())
        {
            if (p.Step >= series.FirstNonFinite!.Value.Step)
            {
                break;
            }

            if (double.IsFinite(p.Value))
            {
                last = p;
            }
        }

        return last;
    }

    /// <summary>
    /// The fp16 loss scale halved again and again without recovering (DeepSpeed `OVERFLOW!`, apex `Gradient overflow`):
    /// gradients are inf/NaN on every step, although no logged metric shows it yet.
    /// </summary>
    private static Finding? LossScaleCollapse(DoctorContext context)
    {
        var overflows = context.Run.Events.Where(e => e.Name == "loss-scale-overflow" && e.Value is not null).ToArray();
        var run = 1;
        var longest = 0;
        var end = -1;
        for (var i = 1; i < overflows.Length; i++)
        {
            run = overflows[i].Value < overflows[i - 1].Value ? run + 1 : 1;
            if (run > longest)
            {
                (longest, end) = (run, i);
            }
        }

        if (longest < context.Options["non-finite.overflows"])
        {
            return null;
        }

        var first = overflows[end - longest + 1];
        var last = overflows[end];
        var floor = last.Value <= 1;
        return new Finding
        {
            Rule = Id,
            Severity = floor ? Severity.Error : Severity.Warning,
            Rank = last.Rank,
            FromStep = first.Position.Step,
            ToStep = last.Position.Step,
            Message = $"The fp16 loss scale fell {longest} times in a row to {Numbers.Text(last.Value!.Value)}: the gradients overflow "
                + "on every step" + (floor ? " and the scale is at its minimum." : "."),
            Advice = "Gradients are inf/NaN at any scale: lower the learning rate, clip gradients, use bf16 instead of fp16, and "
                + "check the data around this step; resume from a checkpoint before the first overflow.",
            Evidence = [Distributed.SourceLineReader.Evidence(first), Distributed.SourceLineReader.Evidence(last)],
        };
    }
}
