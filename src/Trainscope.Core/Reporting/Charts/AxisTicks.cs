using System.Globalization;

namespace Trainscope.Reporting.Charts;

/// <summary>Round tick values (1, 2 or 5 times a power of ten) and their labels.</summary>
public static class AxisTicks
{
    /// <summary>About <paramref name="target"/> ticks covering [min, max], on round values.</summary>
    public static double[] Linear(double min, double max, int target = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [];
        }

        if (max <= min)
        {
            return [min];
        }

        var step = NiceStep((max - min) / Math.Max(1, target));
        var first = Math.Ceiling(min / step - 1e-9) * step;
        var ticks = new List<double>();
        for (var v = first; v <= max + step * 1e-9 && ticks.Count < 50; v += step)
        {
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return [.. ticks];
    }

    /// <summary>Powers of ten within [min, max] (both &gt; 0), or linear ticks when the range spans less than a decade.</summary>
    public static double[] Log(double min, double max, int target = 5)
    {
        if (min <= 0 || !double.IsFinite(min) || !double.IsFinite(max) || max <= min)
        {
            return Linear(min, max, target);
        }

        var low = (int)Math.Ceiling(Math.Log10(min) - 1e-9);
        var high = (int)Math.Floor(Math.Log10(max) + 1e-9);
        if (high - low < 1)
        {
            return Linear(min, max, target);
        }

        var every = Math.Max(1, (high - low + 1) / target);
        var ticks = new List<double>();
        for (var e = low; e <= high; e += every)
        {
            ticks.Add(Math.Pow(10, e));
        }

        return [.. ticks];
    }

    /// <summary>A short label: `0.5`, `1.2k`, `3e-05`, `1M`.</summary>
    public static string Label(double value)
    {
        var abs = Math.Abs(value);
        if (abs == 0)
        {
            return "0";
        }

        if (abs >= 1e6 && abs < 1e15)
        {
            return Trim(value / 1e6) + "M";
        }

        if (abs >= 1e4 && abs < 1e6)
        {
            return Trim(value / 1e3) + "k";
        }

        if (abs < 1e-3 || abs >= 1e15)
        {
            return value.ToString("0.#e+0", CultureInfo.InvariantCulture);
        }

        return Trim(value);
    }

    private static string Trim(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
