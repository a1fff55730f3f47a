using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`reward-decline`: the reward's epoch means fall for a sustained stretch (seed 001: "Reward持续降低（超过10个epoch）").</summary>
public static class RewardDeclineRule
{
    public const string Id = "reward-decline";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var window = (int)context.Options["reward-decline.window"];
        foreach (var series in context.WithRole(MetricRole.Reward))
        {
            if (context.Curve(series) is not { } curve || curve.Count < window + 1)
            {
                continue;
            }

            var values = curve.Values;
            var spread = Math.Max(values.Max() - values.Min(), 1e-12);
            // Rewards cross zero, so the minimum fall is relative to the range of the curve, not its level.
            if (TrendFinder.Trailing(values, window + 1, 2.33, 0.1 * spread, -1) is not { } fall)
            {
                continue;
            }

            var from = curve.Points[fall.Start];
            var last = curve.Points[^1];
            yield return series.Finding(Id, Severity.Warning, from.Step, last.Step,
                message: $"{series.Name} fell for {fall.Length} {curve.Unit}s, from {Numbers.Text(from.Value)} at {curve.Where(from)} to "
                    + $"{Numbers.Text(last.Value)} at {curve.Where(last)} (Mann–Kendall z = -{Numbers.Text(fall.Z)}).",
                advice: "The policy is getting worse: lower the learning rate, check the KL/entropy terms and the reward's weights, and "
                    + "resume from the checkpoint with the best reward.",
                evidence: DoctorContext.Evidence(from.Source, last.Source));
        }
    }
}
