using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`overfitting`: eval loss rises for several evaluations after its best while the training loss keeps falling.</summary>
public static class OverfittingRule
{
    public const string Id = "overfitting";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var evaluations = (int)context.Options["overfitting.evaluations"];
        foreach (var eval in context.WithRole(MetricRole.Loss, Phase.Eval).Concat(context.WithRole(MetricRole.Loss, Phase.Test)))
        {
            if (context.Curve(eval) is not { } curve || curve.Count < evaluations + 2)
            {
                continue;
            }

            var values = curve.Values;
            var best = 0;
            for (var i = 1; i < values.Count; i++)
            {
                best = values[i] < values[best] ? i : best;
            }

            var after = values.Count - 1 - best;
            var rise = values[^1] - values[best];
            if (after < evaluations || rise <= context.Options["overfitting.rise"] * TrendFinder.Level(values, best, 1)
                || RobustStats.MannKendallZ(values, best, after + 1) <= 1.0)
            {
                continue;
            }

            var bestPoint = curve.Points[best];
            var last = curve.Points[^1];
            if (TrainFalling(context, eval, bestPoint, last) is not { } train)
            {
                continue;
            }

            var checkpoint = CheckpointNear(context.Run, bestPoint.Step);
            var gap = train.End > 0 ? $"; eval is now {Numbers.Text(values[^1] / train.End)}× the training loss" : "";
            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Warning,
                Metric = eval.Name,
                Phase = eval.Key.Phase,
                Rank = eval.Key.Rank,
                FromStep = bestPoint.Step,
                ToStep = last.Step,
                Message = $"Eval {eval.Name} rose for {after} evaluations from its best {Numbers.Text(values[best])} at {curve.Where(bestPoint)} "
                    + $"to {Numbers.Text(values[^1])}, while train {train.Name} fell from {Numbers.Text(train.Start)} to {Numbers.Text(train.End)}{gap}.",
                Advice = $"Keep the model from {curve.Where(bestPoint)}" + (checkpoint is not null ? $" (checkpoint: {checkpoint.Text})" : "")
                    + "; add regularisation (weight decay, dropout, augmentation), more data, or early stopping on eval loss.",
                Evidence = [.. DoctorContext.Evidence(bestPoint.Source, last.Source), .. checkpoint is null ? [] : new[] { Distributed.SourceLineReader.Evidence(checkpoint) }],
            };
        }
    }

    private sealed record TrainTrend(string Name, double Start, double End);

    private static TrainTrend? TrainFalling(DoctorContext context, SeriesSummary eval, CurvePoint from, CurvePoint to)
    {
        var train = context.Metrics.FirstOrDefault(s => s.Key.Phase == Phase.Train && s.Name == eval.Name)
            ?? context.WithRole(MetricRole.Loss, Phase.Train).FirstOrDefault();
        if (train is null || context.Curve(train) is not { } curve)
        {
            return null;
        }

        // Eval and train steps are counted alike by most jobs; epochs are the safer common axis when both curves have them.
        var byEpoch = from.Epoch is int a && to.Epoch is int b && curve.Kind == CurveKind.Epochs;
        var inRange = curve.Points
            .Where(p => byEpoch ? p.Epoch >= from.Epoch && p.Epoch <= to.Epoch : p.Step >= from.Step && p.Step <= to.Step)
            .Select(p => p.Value).ToArray();
        if (inRange.Length < 2 || RobustStats.TheilSenSlope(inRange, 0, inRange.Length) >= 0)
        {
            return null;
        }

        return new TrainTrend(train.Name, inRange[0], inRange[^1]);
    }

    private static LogEvent? CheckpointNear(RunSummary run, long step)
        => run.Events.Where(e => e.Kind == EventKind.Checkpoint && e.Position.Step is long s && s >= step)
            .OrderBy(e => e.Position.Step).FirstOrDefault();
}
