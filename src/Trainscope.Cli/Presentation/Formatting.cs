using System.Globalization;

namespace Trainscope.Cli.Presentation;

/// <summary>Numbers and durations as people read them.</summary>
internal static class Formatting
{
    public static string Number(double? value)
    {
        if (value is not double v)
        {
            return "-";
        }

        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        var abs = Math.Abs(v);
        if (abs != 0 && (abs < 1e-3 || abs >= 1e7))
        {
            return v.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        if (v == Math.Floor(v) && abs < 1e7)
        {
            return v.ToString("0", CultureInfo.InvariantCulture);
        }

        return v.ToString(abs >= 100 ? "0.##" : "0.####", CultureInfo.InvariantCulture);
    }

    public static string Duration(double? seconds)
    {
        if (seconds is not double s || !double.IsFinite(s))
        {
            return "-";
        }

        var t = TimeSpan.FromSeconds(Math.Max(0, s));
        if (t.TotalDays >= 1)
        {
            return $"{(int)t.TotalDays}d {t.Hours}h";
        }

        if (t.TotalHours >= 1)
        {
            return $"{(int)t.TotalHours}h {t.Minutes:00}m";
        }

        return t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s" : $"{t.TotalSeconds:0.#}s";
    }
}
