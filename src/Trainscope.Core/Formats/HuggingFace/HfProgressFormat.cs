namespace Trainscope.Formats.HuggingFace;

/// <summary>
/// The text a Hugging Face Trainer script prints besides its dicts: `***** Running training *****` blocks with
/// `Num examples = 2000`, final `eval_loss = 1.98` results, `Step 10/2000 [>…] 0.5% | Loss: 3.45` progress,
/// `Eval at step 200:` lists, checkpoints, `Training completed in 1:40:23` and PEFT's `trainable params` line.
/// </summary>
public sealed class HfProgressFormat : ILineFormat
{
    public string Name => "hf-progress";

    public string Description => "Hugging Face Trainer text: `***** Running training *****` blocks, results blocks, `Step n/N | Loss: x` lines, checkpoints.";

    public string Example => "Step 10/2000   [>                                ] 0.5%  | Loss: 3.4521 | Time: 0:00:30";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(2000))
        {
            if (line.StartsWith("Step ", StringComparison.Ordinal) && line.Contains("| Loss:", StringComparison.OrdinalIgnoreCase))
            {
                return 0.9;
            }

            if (line.Contains("***** Running training *****", StringComparison.OrdinalIgnoreCase)
                || line.Contains("***** Running Evaluation *****", StringComparison.OrdinalIgnoreCase))
            {
                score = Math.Max(score, 0.6);
            }
            else if (line.Contains("trainable params:", StringComparison.Ordinal) && line.Contains("|| all params:", StringComparison.Ordinal))
            {
                score = Math.Max(score, 0.4);
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new HfProgressParser();
}
