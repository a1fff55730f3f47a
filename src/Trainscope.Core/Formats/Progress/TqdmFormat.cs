namespace Trainscope.Formats.Progress;

/// <summary>
/// tqdm progress bars as training loops print them (`  6%|██ | 32040/500150 [6:28:43<94:39:17,  1.37it/s, loss=2.6]`,
/// Lightning's `Epoch 0: …`, `Evaluating: …`); only the last redraw of each bar on a line is kept.
/// </summary>
public sealed class TqdmFormat : ILineFormat
{
    public string Name => "tqdm";

    public string Description => "tqdm progress bars: step n/total, it/s and the key=value postfix (loss=…); the last redraw per line is kept.";

    public string Example => "Epoch 0:   6%|██        | 32040/500150 [6:28:43<94:39:17,  1.37it/s, loss=2.6, v_num=95nc]";

    public double Sniff(FileSample sample)
    {
        var bars = 0;
        foreach (var line in sample.Lines.Take(2000))
        {
            var bar = line.IndexOf("%|", StringComparison.Ordinal);
            if (bar > 0 && line.IndexOf('|', bar + 2) > 0 && line.Contains(" [", StringComparison.Ordinal))
            {
                bars++;
            }
        }

        // Bars sit among other output; many of them make the file a progress log, a few are just mixed in.
        return bars switch
        {
            0 => 0,
            < 5 => 0.3,
            _ => 0.7,
        };
    }

    public ILineParser CreateParser() => new TqdmParser();
}
