namespace Trainscope.Analysis;

/// <summary>What a metric measures, judged from its name; rules and charts group and read metrics by role.</summary>
public enum MetricRole : byte
{
    Other,
    Loss,

    /// <summary>Scores where higher is better: accuracy, mAP, AUC, F1, BLEU, ROUGE, Dice, IoU.</summary>
    Score,

    /// <summary>Error rates and perplexity: lower is better, but not a training loss (WER, CER, class_error, ppl).</summary>
    ErrorRate,
    Reward,
    LearningRate,
    GradNorm,

    /// <summary>GPU memory, in MB unless the name says otherwise.</summary>
    Memory,

    /// <summary>Seconds (or ms) per iteration.</summary>
    IterationTime,

    /// <summary>Seconds (or ms) per iteration spent waiting for data.</summary>
    DataTime,

    /// <summary>Samples, tokens or iterations per second.</summary>
    Throughput,

    /// <summary>A rate of constraint violations (RL controllers: budget, latency).</summary>
    Violation,
}

/// <summary>Classifies metric names (`closs`, `train/box_loss`, `max mem`, `samples/sec`, `eval_wer`) into roles.</summary>
public static class MetricRoles
{
    /// <summary>The role of a metric name (without or with a phase prefix; case ignored).</summary>
    public static MetricRole Of(string name)
    {
        var n = name.ToLowerInvariant();
        if (Has(n, "grad_norm", "grad norm", "gradnorm", "grad-norm", "gnorm", "total_norm"))
        {
            return MetricRole.GradNorm;
        }

        if (n is "lr" or "learning_rate" or "learning rate" || n.StartsWith("lr/", StringComparison.Ordinal)
            || n.StartsWith("lr_", StringComparison.Ordinal) || n.EndsWith("_lr", StringComparison.Ordinal)
            || n.EndsWith("/lr", StringComparison.Ordinal) || Has(n, "learning_rate", "learning rate", "lrs"))
        {
            return MetricRole.LearningRate;
        }

        if (Has(n, "mem", "memory"))
        {
            return MetricRole.Memory;
        }

        if (Has(n, "violation"))
        {
            return MetricRole.Violation;
        }

        if (Has(n, "reward", "return"))
        {
            return MetricRole.Reward;
        }

        if (n.Contains("samples/s", StringComparison.Ordinal) || n.Contains("tokens/s", StringComparison.Ordinal)
            || n.Contains("samples_per_s", StringComparison.Ordinal) || n.Contains("tokens_per_s", StringComparison.Ordinal)
            || n.Contains("it/s", StringComparison.Ordinal) || n.Contains("throughput", StringComparison.Ordinal)
            || Has(n, "mfu", "sps", "tps", "tok/s") || n is "rate")
        {
            return MetricRole.Throughput;
        }

        if (n is "data" or "data_time" or "data time" or "rank_data_time" || n.EndsWith("data_time", StringComparison.Ordinal))
        {
            return MetricRole.DataTime;
        }

        if (n is "time" or "iter_time" or "batch_time" or "step_time" or "step_avg" or "ms/batch" or "elapsed time per iteration (ms)"
            || n.EndsWith("/time", StringComparison.Ordinal) || n.EndsWith("_time_ms", StringComparison.Ordinal))
        {
            return MetricRole.IterationTime;
        }

        if (Has(n, "wer", "cer", "error", "ppl", "perplexity"))
        {
            return MetricRole.ErrorRate;
        }

        if (Has(n, "loss", "nll", "mse", "mae", "closs", "crossentropy", "cross_entropy") || n.EndsWith("loss", StringComparison.Ordinal))
        {
            return MetricRole.Loss;
        }

        if (Has(n, "acc", "accuracy", "top1", "top5", "map", "ap50", "ap75", "auc", "f1", "bleu", "rouge", "dice", "iou", "precision", "recall", "score")
            || n is "ap" or "ar" || n.EndsWith("/ap", StringComparison.Ordinal) || n.StartsWith("ap", StringComparison.Ordinal) && n.Length <= 4)
        {
            return MetricRole.Score;
        }

        return MetricRole.Other;
    }

    /// <summary>True for a GAN's adversarial losses (`disc_loss`, `gen_loss`, `loss_D`, `g_loss`, `critic_loss`, `adv_loss`).</summary>
    public static bool IsAdversarial(string name)
    {
        var n = name.ToLowerInvariant();
        return Has(n, "disc", "discriminator", "gen", "generator", "critic", "adv", "adversarial", "d_loss", "g_loss", "loss_d", "loss_g",
            "errd", "errg");
    }

    /// <summary>True when a smaller value is an improvement (losses, error rates, times); false for scores, rewards, throughput.</summary>
    public static bool LowerIsBetter(MetricRole role) => role is MetricRole.Loss or MetricRole.ErrorRate or MetricRole.IterationTime
        or MetricRole.DataTime or MetricRole.Violation or MetricRole.Memory;

    /// <summary>The chart group a role belongs to: losses, scores (accuracy and reward), lr, grad norm, memory, speed, other.</summary>
    public static string Group(MetricRole role) => role switch
    {
        MetricRole.Loss or MetricRole.ErrorRate => "losses",
        MetricRole.Score or MetricRole.Reward or MetricRole.Violation => "scores",
        MetricRole.LearningRate => "lr",
        MetricRole.GradNorm => "grad norm",
        MetricRole.Memory => "memory",
        MetricRole.IterationTime or MetricRole.DataTime or MetricRole.Throughput => "speed",
        _ => "other",
    };

    private static bool Has(string name, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (ContainsWord(name, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> appears with no letter directly before or after it (`closs` counts as `loss` only via its own entry).</summary>
    private static bool ContainsWord(string name, string word)
    {
        for (var at = name.IndexOf(word, StringComparison.Ordinal); at >= 0; at = name.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsAsciiLetter(name[at - 1]);
            var end = at + word.Length;
            var after = end == name.Length || !char.IsAsciiLetter(name[end]);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }
}
