namespace Trainscope.Formats.MetricLogger;

/// <summary>
/// The `misc.MetricLogger` stdout of DETR, DeiT, MAE and their descendants:
/// `Epoch: [12]  [740/2592]  eta: 2:53:16  lr: 0.000005  closs: 8.5075 (8.5075)  …  max mem: 15722`.
/// </summary>
public sealed class MetricLoggerFormat : ILineFormat
{
    public string Name => "metric-logger";

    public string Description => "`misc.MetricLogger` stdout (DETR, DeiT, MAE): `Epoch: [e]  [i/n]  eta: …  name: value (avg)`, `Test:` blocks, `Averaged stats:`.";

    public string Example => "Epoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100  class_error: 98.96  loss: 68.5848 (68.5848)  time: 5.9636  data: 3.5211  max mem: 4851";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(2000))
        {
            var epoch = line.IndexOf("Epoch: [", StringComparison.Ordinal);
            var test = line.IndexOf("Test:  [", StringComparison.Ordinal);
            var at = epoch >= 0 ? epoch : test;
            if (at >= 0 && line.IndexOf("]  ", at, StringComparison.Ordinal) > 0 && line.Contains("eta: ", StringComparison.Ordinal))
            {
                return 0.95;
            }

            if (line.Contains("Averaged stats:", StringComparison.Ordinal) || (at >= 0 && line.Contains("Total time:", StringComparison.Ordinal)))
            {
                score = 0.9;
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new MetricLoggerParser();

    /// <summary>An epoch's first training line (`Epoch: [e]  [0/n]`) sets epoch, phase and the epoch's ETA anew.</summary>
    public bool StartsFresh(in LogLine line) => MetricLoggerParser.IsEpochStart(line);

    public bool MayStartFresh(ReadOnlySpan<byte> text) => MetricLoggerParser.MayBeEpochStart(text);
}
