using System.Numerics;
using Trainscope.Formats.Text;

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

    private static readonly UInt128[] PowersOfTenInteger = Enumerable.Range(0, 23).Select(k => UInt128.Parse("1" + new string('0', k))).ToArray();

    /// <summary>
    /// <paramref name="mantissa"/> × 10^<paramref name="scale"/>; false for what needs a full parse (larger powers,
    /// large integers, and zero, whose sign is left to the parser).
    /// </summary>
    public static bool TryCompute(ulong mantissa, int scale, bool negative, out double value)
    {
        if (mantissa == 0 || scale is < -22 or > 22)
        {
            value = 0;
            return false;
        }

        if (mantissa > MaxExactMantissa)
        {
            // Python prints up to 17 significant digits, more than a double holds exactly: divide in integers instead.
            if (scale >= 0)
            {
                value = 0;
                return false;
            }

            value = Divide(mantissa, PowersOfTenInteger[-scale]);
            value = negative ? -value : value;
            return true;
        }

        value = scale >= 0 ? mantissa * ExactPowersOfTen.Values[scale] : mantissa / ExactPowersOfTen.Values[-scale];
        value = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// The double nearest to <paramref name="mantissa"/> / <paramref name="divisor"/> (ties to even). The mantissa is
    /// shifted to the top of 128 bits; with a divisor below 2^74 the quotient keeps at least 54 bits, the 53 a double
    /// holds and the rounding bit, and the remainder and lower bits tell whether anything lies past it.
    /// </summary>
    private static double Divide(ulong mantissa, UInt128 divisor)
    {
        var shift = 64 + BitOperations.LeadingZeroCount(mantissa);
        var numerator = (UInt128)mantissa << shift;
        var (quotient, remainder) = UInt128.DivRem(numerator, divisor);
        var extra = 128 - (int)UInt128.LeadingZeroCount(quotient) - 53;
        var bits = (ulong)(quotient >> extra);
        var roundBit = ((quotient >> (extra - 1)) & 1) != 0;
        var sticky = remainder != 0 || (quotient & ((UInt128.One << (extra - 1)) - 1)) != 0;
        if (roundBit && (sticky || (bits & 1) != 0))
        {
            bits++;
            if (bits == 1UL << 53)
            {
                bits >>= 1;
                extra++;
            }
        }

        return Math.ScaleB(bits, extra - shift);
    }
}
