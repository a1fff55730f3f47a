using System.Globalization;

namespace Trainscope.Web.Tests.Support;

/// <summary>Writes training lines in the epoch-progress shape (`Epoch [2/50] - Progress 50.0% (5/10) - Batch Loss: … - LR: …`).</summary>
public static class EpochLog
{
    private static readonly DateTime Start = new(2025, 3, 2, 5, 0, 0);

    /// <summary>One batch line; <paramref name="index"/> counts batches from 0 over the whole run.</summary>
    public static string Line(long index, double loss, int perEpoch = 100, int epochs = 50, string extra = "")
    {
        var epoch = (index / perEpoch) + 1;
        var batch = (index % perEpoch) + 1;
        var time = Start.AddSeconds(index).ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        var percent = (100.0 * batch / perEpoch).ToString("0.0", CultureInfo.InvariantCulture);
        var value = double.IsNaN(loss) ? "nan" : loss.ToString("0.000000", CultureInfo.InvariantCulture);
        return $"{time} - INFO - Epoch [{epoch}/{epochs}] - Progress {percent}% ({batch}/{perEpoch}) - Batch Loss: {value} - LR: 0.00050000{extra}";
    }

    /// <summary>Lines for batches [from, to) with a smoothly falling loss.</summary>
    public static IEnumerable<string> Lines(long from, long to, Func<long, double>? loss = null, int perEpoch = 100, Func<long, string>? extra = null)
    {
        for (var i = from; i < to; i++)
        {
            yield return Line(i, loss?.Invoke(i) ?? Falling(i), perEpoch, extra: extra?.Invoke(i) ?? "");
        }
    }

    /// <summary>A plausible training loss: falling, with a little deterministic noise.</summary>
    public static double Falling(long i) => (2.0 / (1 + (i * 0.01))) + (0.08 * Math.Sin(i * 1.7) * Math.Cos(i * 0.37));
}
