using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`perplexity` (info): exp(eval loss) when the eval loss looks like a language model's cross-entropy per token.</summary>
public static class PerplexityRule
{
    public const string Id = "perplexity";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        if (!LooksLikeLanguageModel(context) || context.Metrics.Any(s => MetricRoles.Of(s.Name) == MetricRole.ErrorRate
            && s.Name.Contains("ppl", StringComparison.OrdinalIgnoreCase) || s.Name.Contains("perplexity", StringComparison.OrdinalIgnoreCase)))
        {
            yield break;
        }

        var metric = EvalMetric.All(context).FirstOrDefault(m => MetricRoles.Of(m.Series.Name) == MetricRole.Loss);
        var max = context.Options["perplexity.max-loss"];
        if (metric is null || metric.Series.Min is not { Value: >= 0 } || metric.Best.Value > max)
        {
            yield break;
        }

        var best = metric.Best;
        var last = metric.Curve.Points[^1];
        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Info,
            Metric = metric.Series.Name,
            Phase = metric.Series.Key.Phase,
            FromStep = best.Step,
            ToStep = last.Step,
            Message = $"Eval perplexity exp({metric.Series.Name}) is {Numbers.Text(Math.Exp(best.Value))} at best ({metric.Curve.Where(best)}) "
                + $"and {Numbers.Text(Math.Exp(last.Value))} at the last evaluation.",
            Advice = "Perplexity compares only between runs with the same tokenizer and evaluation data.",
            Evidence = DoctorContext.Evidence(best.Source),
        };
    }

    /// <summary>Token throughput, an `lm loss`, or run facts about tokens, vocabularies or sequence lengths.</summary>
    private static bool LooksLikeLanguageModel(DoctorContext context)
        => context.Run.Series.Any(s => s.Name.Contains("token", StringComparison.OrdinalIgnoreCase)
                || s.Name.Contains("lm loss", StringComparison.OrdinalIgnoreCase) || s.Name.Contains("lm_loss", StringComparison.OrdinalIgnoreCase))
            || context.Run.Info.Keys.Any(k => k.Contains("token", StringComparison.OrdinalIgnoreCase) || k.Contains("vocab", StringComparison.OrdinalIgnoreCase)
                || k.Contains("seq_len", StringComparison.OrdinalIgnoreCase) || k.Contains("block_size", StringComparison.OrdinalIgnoreCase)
                || k.Contains("max_length", StringComparison.OrdinalIgnoreCase) || k.Contains("lora", StringComparison.OrdinalIgnoreCase));
}
