using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`throughput-drop`: samples/s or it/s at the end of the log well below earlier (or iteration time well above).</summary>
public static class ThroughputDropRule
{
    public const string Id = "throughput-drop";
    private const int MinPoints = 20;

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var drop = context.Options["throughput-drop.fraction"];
        var speeds = context.WithRole(MetricRole.Throughput, Phase.Train).Select(s => (Series: s, Higher: true))
            .Concat(context.WithRole(MetricRole.IterationTime, Phase.Train).Select(s => (Series: s, Higher: false)));
        foreach (var (series, higherIsFaster) in speeds)
        {
            var points = context.Points(series).Where(p => double.IsFinite(p.Value) && p.Value > 0).ToArray();
            if (points.Length < MinPoints)
            {
                continue;
            }

            var values = points.Select(p => p.Value).ToArray();
            if (NeverFalls(values))
            {
                continue; // a cumulative clock (ultralytics' `time` column), not a per-iteration time
            }

            // Reference: the second tenth to the half (after warm-up and compilation); judged: the last fifth.
            var refStart = values.Length / 10;
            var reference = RobustStats.Median(values, refStart, (values.Length / 2) - refStart);
            var tailStart = values.Length - (values.Length / 5);
            var tail = RobustStats.Median(values, tailStart, values.Length - tailStart);
            var speedRatio = higherIsFaster ? tail / reference : reference / tail;
            if (speedRatio >= 1 - drop)
            {
                continue;
            }

            var from = points[tailStart];
            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Warning,
                Metric = series.Name,
                Phase = Phase.Train,
                Rank = series.Key.Rank,
                FromStep = from.Step,
                ToStep = points[^1].Step,
                Message = $"Training slowed down by {Numbers.Percent(1 - speedRatio)}: median {series.Name} {Numbers.Text(tail)} since step "
                    + $"{from.Step} against {Numbers.Text(reference)} earlier.",
                Advice = "Look for what changed at that step: other jobs on the GPU or node, thermal throttling (nvidia-smi -q -d PERFORMANCE), "
                    + "a slower disk or network for data, growing sequence lengths, or memory fragmentation (torch.cuda.empty_cache).",
                Evidence = DoctorContext.Evidence(points[tailStart - 1], from),
            };
        }
    }

    private static bool NeverFalls(double[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
