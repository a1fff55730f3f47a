using System.Text;

namespace Trainscope.Formats.Generic;

/// <summary>
/// The fallback for lines no specific format claims: `name: value`, `name=value` and `name value` pairs with
/// `Epoch N`, `step N`, `[x/y]` positions, taken only from line families that repeat with the same shape.
/// </summary>
public sealed class GenericFormat : ILineFormat
{
    public string Name => "generic";

    public string Description => "Fallback: repeated `name: value` / `name=value` / `name value` lines with `Epoch N`, `step N`, `[x/y]` positions.";

    public string Example => "Iter 25: Train loss 1.593, Learning Rate 7.000e-05, It/sec 0.999, Peak mem 8.104 GB";

    /// <summary>Low on purpose: any specific format that is sure of itself wins; the generic one is tried last anyway.</summary>
    public double Sniff(FileSample sample)
    {
        var reading = new LineReading();
        var seen = new HashSet<ulong>();
        var pairs = false;
        foreach (var line in sample.Lines.Take(400))
        {
            LineShapeReader.Read(Encoding.UTF8.GetBytes(line), reading);
            if (reading.PairCount == 0)
            {
                continue;
            }

            pairs = true;
            if (!seen.Add(reading.Shape))
            {
                return 0.2;
            }
        }

        return pairs ? 0.05 : 0;
    }

    public ILineParser CreateParser() => new GenericParser();
}
