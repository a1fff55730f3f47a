using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`plateau`: the training loss has not improved beyond its noise for a window; read with the lr schedule.</summary>
public static class PlateauRule
{
    public const string Id = "plateau";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var window = (int)context.Options["plateau.window"];
        var lr = LearningRates.Of(context);
        foreach (var series in context.WithRole(MetricRole.Loss, Phase.Train))
        {
            if (context.Curve(series) is not { } curve || window < 2 || curve.Count < 2 * window)
            {
                continue;
            }

            // Compare the medians of the last two windows (a best-of-window comparison mostly measures the noise), and
            // still call a slow but steady decline over both windows progress.
            var values = curve.Values;
            var start = values.Count - window;
            var previous = RobustStats.Median(values, start - window, window);
            var current = RobustStats.Median(values, start, window);
            var level = TrendFinder.Level(values, start, window);
            var sigma = RobustStats.MadToSigma * Math.Max(RobustStats.Mad(values, start, window), RobustStats.Mad(values, start - window, window));
            var standardError = 1.25 * sigma / Math.Sqrt(window); // of a median of normal noise
            var improvement = previous - current;
            if (improvement > Math.Max(context.Options["plateau.improvement"] * level, 2 * standardError)
                || RobustStats.MannKendallZ(values, start - window, 2 * window) < -2.33)
            {
                continue;
            }

            var (severity, judgement, advice) = Judge(context, lr);
            var from = curve.Points[start];
            var last = curve.Points[^1];
            yield return series.Finding(Id, severity, from.Step, last.Step,
                message: $"{series.Name} has not improved for the last {window} {curve.Unit}s ({curve.Where(from)} to {curve.Where(last)}): "
                    + $"median {Numbers.Text(current)} against {Numbers.Text(previous)} in the {window} before; {judgement}.",
                advice: advice,
                evidence: DoctorContext.Evidence(from.Source, last.Source));
        }
    }

    private static (Severity, string, string) Judge(DoctorContext context, LearningRates? lr)
    {
        if (lr is null)
        {
            return (Severity.Info, "no learning rate is logged",
                "If the schedule has ended this is convergence; otherwise lower the learning rate (decay, ReduceLROnPlateau) or stop early.");
        }

        if (lr.Remaining < 0.1)
        {
            return (Severity.Info, $"{lr.Name} has decayed to {Numbers.Percent(lr.Remaining)} of its peak, so the run looks converged",
                "More epochs at this learning rate will not help much: stop, or restart with a new schedule if the loss is still too high.");
        }

        var progress = context.Run.Progress.Fraction;
        if (progress is < 0.5 && lr.Remaining >= 0.5)
        {
            return (Severity.Warning, $"{lr.Name} is still {Numbers.Text(lr.Last)} at {Numbers.Percent(progress.Value)} of training",
                "The loss stalls with the learning rate near its peak: it may be too high to settle (try 3× lower) or too low to escape (if it was never raised, try 3× higher).");
        }

        if (lr.Remaining < 0.5)
        {
            // The schedule is already decaying: slow gains are what a decaying lr gives near convergence.
            return (Severity.Info, $"{lr.Name} has decayed to {Numbers.Percent(lr.Remaining)} of its peak and gains are slowing",
                "Expected near convergence; if the loss is still too high, the model or data, not the schedule, is the limit.");
        }

        return (Severity.Warning, $"{lr.Name} is still at {Numbers.Percent(lr.Remaining)} of its peak",
            "Decay the learning rate now (cosine, step, ReduceLROnPlateau) or stop early; if the lr is already tiny, it may be too low to make progress.");
    }
}
