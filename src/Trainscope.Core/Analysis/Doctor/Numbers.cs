using System.Globalization;

namespace Trainscope.Analysis.Doctor;

/// <summary>Numbers as findings print them: four significant digits, invariant culture.</summary>
internal static class Numbers
{
    public static string Text(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        return value.ToString(Math.Abs(value) >= 1e5 || (value != 0 && Math.Abs(value) < 1e-3) ? "0.###e0" : "0.####", CultureInfo.InvariantCulture);
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
