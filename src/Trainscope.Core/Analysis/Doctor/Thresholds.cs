namespace Trainscope.Analysis.Doctor;

/// <summary>One tunable number of a doctor rule: `rule.key`, its default, and what it means.</summary>
public sealed record Threshold(string Key, double Default, string Meaning);

/// <summary>Every tunable of the doctor's rules with its default; `trainscope.json` and `--set rule.key=value` override them.</summary>
public static class Thresholds
{
    public static IReadOnlyList<Threshold> All { get; } =
    [
        new("non-finite.fp16-fraction", 0.05, "grad-norm inf/NaN on at most this fraction of steps, with finite losses, is fp16 loss scaling (warning, not error)"),
        new("non-finite.overflows", 5, "fp16 loss-scale reductions in a row (each lower than the last) that mean gradients overflow every step"),
        new("loss-spike.window", 50, "points before a value that form its baseline (rolling median and MAD)"),
        new("loss-spike.mad", 8, "a spike is this many robust standard deviations (1.4826 × MAD) above the baseline median"),
        new("loss-spike.relative", 1.0, "... and at least this fraction of the baseline median above it"),
        new("loss-spike.relative-epochs", 0.1, "... or, for one value per epoch (already averaged), this fraction"),
        new("loss-spike.recovery", 20, "points after a spike within which the loss must be back near the baseline to count as recovered"),
        new("divergence.window", 10, "epochs (or smoothed windows) of rising loss that make a divergence"),
        new("divergence.z", 2.33, "Mann–Kendall z-score a rise must exceed (2.33 ≈ one-sided p < 0.01)"),
        new("divergence.rise", 0.1, "minimum rise over the window, as a fraction of the loss level"),
        new("divergence.explode", 10, "loss this many times above its minimum (smoothed) is exploding"),
        new("plateau.window", 10, "epochs (or smoothed windows) without improvement that make a plateau"),
        new("plateau.improvement", 0.01, "relative improvement of the best value below which the window did not improve"),
        new("oscillation.window", 16, "epoch means looked at for up-down alternation"),
        new("oscillation.correlation", -0.6, "lag-1 autocorrelation of the detrended epoch means must be below this"),
        new("oscillation.alternation", 0.8, "fraction of successive changes that flip sign"),
        new("oscillation.amplitude", 0.1, "median epoch-to-epoch change, as a fraction of the level, that makes it large"),
        new("overfitting.evaluations", 3, "evaluations after the best one during which eval loss keeps rising"),
        new("overfitting.rise", 0.05, "eval loss rise above its best, as a fraction"),
        new("grad-explosion.absolute", 100, "a gradient norm above this is exploding"),
        new("grad-explosion.median", 20, "... or this many times the running median gradient norm"),
        new("memory-near-limit.fraction", 0.9, "peak memory above this fraction of the GPU's memory"),
        new("data-bottleneck.fraction", 0.4, "median data-loading time above this fraction of the iteration time"),
        new("throughput-drop.fraction", 0.3, "throughput at the end this much below its earlier median"),
        new("stuck-metric.epochs", 20, "epochs a metric stays exactly constant"),
        new("stuck-metric.points", 50, "logged values of a metric that are all exactly equal"),
        new("lr-anomaly.points", 20, "logged learning rates that never change while a schedule is configured"),
        new("reward-decline.window", 10, "epochs of falling reward"),
        new("budget-violation.rate", 0.5, "violation rate above which a budget is being missed"),
        new("budget-violation.epochs", 20, "consecutive epochs above the rate"),
        new("budget-violation.latency-budget", 0, "latency budget in ms (0: read it from the log's run facts, if any)"),
        new("early-stop.patience", 5, "evaluations without a new best eval metric"),
        new("perplexity.max-loss", 15, "eval losses above this do not look like a language-model cross-entropy"),
    ];

    private static readonly Dictionary<string, Threshold> ByKey = All.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public static bool IsKnown(string key) => ByKey.ContainsKey(key);

    public static double Default(string key)
        => ByKey.TryGetValue(key, out var threshold) ? threshold.Default : throw new ArgumentException($"unknown threshold '{key}'", nameof(key));
}
