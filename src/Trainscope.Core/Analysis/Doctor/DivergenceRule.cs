using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`divergence`: the training loss's epoch means (or smoothed windows) rise for a sustained stretch, or explode.</summary>
public static class DivergenceRule
{
    public const string Id = "divergence";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var window = (int)context.Options["divergence.window"];
        var losses = context.WithRole(MetricRole.Loss, Phase.Train).ToArray();
        // With a total loss logged, a single term rising (a classification term while the box terms fall) is the model
        // trading one term for another, not divergence: only the total is judged then.
        var total = losses.FirstOrDefault(s => s.Name is "loss" or "total_loss" or "train_loss" or "lm loss");
        foreach (var series in total is null ? losses : [total])
        {
            if (context.Curve(series) is not { } curve || curve.Count < window + 1)
            {
                continue;
            }

            var values = curve.Values;
            var level = TrendFinder.Level(values, 0, values.Count);
            var rise = TrendFinder.Trailing(values, window + 1, context.Options["divergence.z"], context.Options["divergence.rise"] * level, +1);
            var minIndex = MinIndex(values);
            var exploding = values[minIndex] > 0 && values[^1] > context.Options["divergence.explode"] * values[minIndex];
            if (rise is null && !exploding)
            {
                continue;
            }

            var from = rise is { } r ? curve.Points[r.Start] : curve.Points[minIndex];
            var last = curve.Points[^1];
            var length = rise?.Length ?? curve.Count - minIndex;
            var message = exploding
                ? $"{series.Name} exploded from {Numbers.Text(values[minIndex])} at {curve.Where(curve.Points[minIndex])} to {Numbers.Text(values[^1])} at {curve.Where(last)}."
                : $"{series.Name} rose for {length} {curve.Unit}s, from {Numbers.Text(from.Value)} at {curve.Where(from)} to {Numbers.Text(last.Value)} at "
                    + $"{curve.Where(last)} (Mann–Kendall z = {Numbers.Text(rise!.Value.Z)}).";
            yield return series.Finding(Id, Severity.Error, from.Step, last.Step,
                message: message,
                advice: "Training is diverging: stop it and resume from the checkpoint at the lowest loss with a smaller learning rate "
                    + "(or longer warm-up) and gradient clipping; check that the learning-rate schedule is not rising.",
                evidence: DoctorContext.Evidence(from.Source, last.Source));
        }
    }

    private static int MinIndex(IReadOnlyList<double> values)
    {
        var at = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] < values[at])
            {
                at = i;
            }
        }

        return at;
    }
}
