using Trainscope.Aggregation;

namespace Trainscope.Cli.Presentation;

/// <summary>A one-line chart of a series from block characters, and its direction.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Render(IReadOnlyList<SeriesPoint> points, int width = 16)
    {
        var values = points.Select(p => p.Value).Where(double.IsFinite).ToArray();
        if (values.Length == 0)
        {
            return "";
        }

        var buckets = Math.Min(width, values.Length);
        var means = new double[buckets];
        for (var b = 0; b < buckets; b++)
        {
            var from = b * values.Length / buckets;
            var to = Math.Max(from + 1, (b + 1) * values.Length / buckets);
            means[b] = values[from..to].Average();
        }

        var min = means.Min();
        var max = means.Max();
        var chars = means.Select(m => max > min ? Blocks[(int)Math.Round((m - min) / (max - min) * (Blocks.Length - 1))] : Blocks[3]);
        return string.Concat(chars);
    }

    /// <summary>↑, ↓ or → comparing the last fifth of the kept points with the first fifth, against their spread.</summary>
    public static string Trend(IReadOnlyList<SeriesPoint> points)
    {
        var values = points.Select(p => p.Value).Where(double.IsFinite).ToArray();
        if (values.Length < 5)
        {
            return " ";
        }

        var n = Math.Max(1, values.Length / 5);
        var head = values[..n].Average();
        var tail = values[^n..].Average();
        var spread = values.Max() - values.Min();
        if (spread <= 0 || Math.Abs(tail - head) < spread * 0.1)
        {
            return "→";
        }

        return tail > head ? "↑" : "↓";
    }
}
