namespace Trainscope.Formats.RankDebug;

/// <summary>
/// Per-rank debug logs of a data-loader-heavy trainer: `[DEBUG] [Rank 0] ========== EPOCH 0 TRAINING START ==========`,
/// `Training step 500, loss=0.0987`, `[Rank 0/8 Worker 0/2] Processing 1000/8000 files from train_shards`.
/// </summary>
public sealed class RankDebugFormat : ILineFormat
{
    public string Name => "rank-debug";

    public string Description => "Per-rank debug logs with EPOCH START/END markers, `Training step N, loss=x` and worker shard progress.";

    public string Example => "[DEBUG] [Rank 0] Training step 500, loss=0.0987";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(400))
        {
            if (line.Contains("[Rank ", StringComparison.Ordinal)
                && (line.Contains("========== EPOCH ", StringComparison.Ordinal) || line.Contains("] Training step ", StringComparison.Ordinal)
                    || line.Contains("] Validation step ", StringComparison.Ordinal) || line.Contains(" Worker ", StringComparison.Ordinal)))
            {
                return 0.95;
            }

            if (line.Contains("Training step ", StringComparison.Ordinal) && line.Contains(", loss=", StringComparison.Ordinal))
            {
                score = 0.6;
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new RankDebugParser();
}
