namespace Trainscope.Formats.PythonDict;

/// <summary>
/// The Hugging Face Trainer's stdout dicts — `{'loss': 3.45, 'grad_norm': 0.5, 'learning_rate': 1e-04, 'epoch': 0.28}`,
/// `{'eval_loss': 1.98, …}` and the `{'train_runtime': …}` summary — alone on a line, after a logging prefix, a tqdm
/// bar or a pasted line number.
/// </summary>
public sealed class PythonDictFormat : ILineFormat
{
    public string Name => "python-dict";

    public string Description => "Hugging Face Trainer dicts printed to stdout (`{'loss': 3.45, 'epoch': 0.28}`, `{'eval_loss': …}`, `{'train_runtime': …}`).";

    public string Example => "{'loss': 3.4521, 'grad_norm': 0.50390625, 'learning_rate': 1e-04, 'epoch': 0.005}";

    public double Sniff(FileSample sample)
    {
        var dicts = 0;
        foreach (var line in sample.Lines.Take(4000))
        {
            var at = line.IndexOf("{'", StringComparison.Ordinal);
            if (at >= 0 && line.TrimEnd().EndsWith('}')
                && (line.Contains("'loss':", StringComparison.Ordinal) || line.Contains("'eval_", StringComparison.Ordinal)
                    || line.Contains("'train_runtime':", StringComparison.Ordinal) || line.Contains("'epoch':", StringComparison.Ordinal)))
            {
                dicts++;
            }
        }

        // Ahead of tqdm: a dict is often glued to the bar that precedes it, and the dict is what matters.
        return dicts switch
        {
            0 => 0,
            < 3 => 0.5,
            _ => 0.85,
        };
    }

    public ILineParser CreateParser() => new PythonDictParser();

    /// <summary>
    /// A dict on a line of its own, after the logging prefix if any: one record, read without anything from the lines
    /// before; what spans records (the last epoch, facts reported) is checked when a part begun here is joined.
    /// </summary>
    public bool StartsFresh(in LogLine line)
    {
        var body = line.Text[line.Prefix.BodyStart..].TrimEnd(" \t"u8);
        return body.Length >= 4 && body[0] == (byte)'{' && body[1] is (byte)'\'' or (byte)'"' && body[^1] == (byte)'}';
    }
}
