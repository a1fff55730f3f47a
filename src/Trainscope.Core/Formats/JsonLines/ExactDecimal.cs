namespace Trainscope.Formats.JsonLines;

/// <summary>
/// A decimal number's value when it follows from one exact operation: digits that fit a double exactly, scaled by an
/// exactly representable power of ten. One IEEE multiplication or division is then correctly rounded, the same double
/// any correct parser returns.
/// </summary>
internal static class ExactDecimal
{
    /// <summary>More significant digits than this and the mantissa is not gathered (it could overflow).</summary>
    public const int MaxDigits = 19;

    private const ulong MaxExactMantissa = 1UL << 53;

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// <paramref name="mantissa"/> × 10^<paramref name="scale"/>; false for what needs a full parse (more than 2^53,
    /// larger powers, and zero, whose sign is left to the parser).
    /// </summary>
    public static bool TryCompute(ulong mantissa, int scale, bool negative, out double value)
    {
        if (mantissa == 0 || mantissa > MaxExactMantissa || scale is < -22 or > 22)
        {
            value = 0;
            return false;
        }

        value = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
        value = negative ? -value : value;
        return true;
    }
}
