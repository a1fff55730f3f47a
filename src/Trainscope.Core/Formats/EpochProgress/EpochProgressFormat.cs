using Trainscope.Formats.Text;

namespace Trainscope.Formats.EpochProgress;

/// <summary>
/// Per-batch lines `Epoch [15/200] - 进度 5.8% (10/171) - Batch Loss: 0.072156 - LR: 0.00100000` and the
/// `Epoch [15/200] 完成` summary block that follows each epoch (Chinese or English labels).
/// </summary>
public sealed class EpochProgressFormat : ILineFormat
{
    public string Name => "epoch-progress";

    public string Description => "Per-batch `Epoch [e/E] - 进度 p% (i/n) - Batch Loss: x - LR: y` lines and their epoch summary blocks.";

    public string Example => "Epoch [15/200] - 进度 5.8% (10/171) - Batch Loss: 0.072156 - LR: 0.00100000";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(400))
        {
            var at = line.IndexOf("Epoch [", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = line.AsSpan(at);
            if (rest.Contains("Batch Loss", StringComparison.OrdinalIgnoreCase)
                || (rest.Contains('(') && (rest.Contains("进度", StringComparison.Ordinal) || rest.Contains("Progress", StringComparison.OrdinalIgnoreCase))))
            {
                return 0.95;
            }

            if (rest.Contains("完成", StringComparison.Ordinal))
            {
                score = 0.9;
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new EpochProgressParser();
}
