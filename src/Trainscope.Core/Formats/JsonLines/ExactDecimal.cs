using System.Numerics;
using System.Runtime.CompilerServices;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// The double nearest to a decimal number of at most 19 significant digits, mantissa × 10^scale, when it can be told
/// for certain from machine arithmetic — the same double any correct parser (`double.Parse`) returns; otherwise false,
/// and the caller parses the text in full.
/// </summary>
internal static class ExactDecimal
{
    /// <summary>More significant digits than this and the mantissa is not gathered (it could overflow).</summary>
    public const int MaxDigits = 19;

    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;

    /// <summary>
    /// <paramref name="mantissa"/> × 10^<paramref name="scale"/>; false for zero (whose sign is left to the parser),
    /// results outside the normal doubles, and the rare products too close to a rounding boundary to decide.
    /// </summary>
    public static bool TryCompute(ulong mantissa, int scale, bool negative, out double value)
    {
        if (mantissa == 0)
        {
            value = 0;
            return false;
        }

        if (mantissa <= MaxExactMantissa && (uint)(scale + ExactPowersOfTen.Largest) <= 2 * ExactPowersOfTen.Largest)
        {
            // Clinger's fast path (Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990): both
            // operands are exact doubles, so the one IEEE operation rounds the exact value correctly.
            value = scale >= 0 ? mantissa * ExactPowersOfTen.Values[scale] : mantissa / ExactPowersOfTen.Values[-scale];
            value = negative ? -value : value;
            return true;
        }

        if (!TryMultiply(mantissa, scale, out var bits))
        {
            value = 0;
            return false;
        }

        value = BitConverter.UInt64BitsToDouble(negative ? bits | (1UL << 63) : bits);
        return true;
    }

    /// <summary>
    /// The bits of the double nearest to <paramref name="mantissa"/> × 10^<paramref name="scale"/> (ties to even), from
    /// one 64 × 128-bit product with 5^scale's leading bits. The idea is Eisel and Lemire's (Lemire, "Number Parsing at
    /// a Gigabyte per Second", Software: Practice and Experience 51(8), 2021); this variant always forms the full
    /// product and decides with an interval argument, below, instead of their finer error checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMultiply(ulong mantissa, int scale, out ulong bits)
    {
        bits = 0;
        if (scale is < PowersOfFive.Smallest or > PowersOfFive.Largest)
        {
            return false;
        }

        // value = mantissa · 5^scale · 2^scale. With w = mantissa · 2^shift (top bit set) and 5^scale ≥ m · 2^e
        // (m of 128 bits, top bit set), the exact w · 5^scale · 2^-e, call it Y, lies in [X, X + w) for X = w · m,
        // a 192-bit integer in [2^190, 2^192); and Y = X when the power is exact.
        ref readonly var power = ref PowersOfFive.Of(scale);
        var shift = BitOperations.LeadingZeroCount(mantissa);
        var w = mantissa << shift;
        var high = Math.BigMul(w, power.High, out var middle);
        var carry = Math.BigMul(w, power.Low, out var x0);
        var x1 = middle + carry;
        var x2 = high + (x1 < middle ? 1UL : 0UL);

        // The top 54 bits of X: the double's 53 and the rounding bit, the lowest kept bit, at 2^(128 + dropped).
        var dropped = 9 + (int)(x2 >> 63);
        var kept = x2 >> dropped;
        var belowMask = (1UL << dropped) - 1;
        bool sticky;
        if (scale is >= 0 and <= PowersOfFive.LargestExact)
        {
            sticky = (x2 & belowMask) != 0 || x1 != 0 || x0 != 0;
        }
        else
        {
            // Y − X < 2^64. Unless the bits below the rounding bit, above X's last 64, are all ones, adding less than
            // 2^64 cannot carry into the kept bits, so Y keeps X's top 54 bits; and since the power is inexact, Y > X
            // and something nonzero lies below the rounding bit. A true halfway value, or one a double holds exactly,
            // is approached from below with all ones there, and so is left to the parser.
            if ((x2 & belowMask) == belowMask && x1 == ulong.MaxValue)
            {
                return false;
            }

            sticky = true;
        }

        var significand = kept >> 1;
        if ((kept & 1) != 0 && (sticky || (significand & 1) != 0))
        {
            significand++;
        }

        // value = significand · 2^exponent, with X ≈ kept · 2^(128 + dropped) and value ≈ X · 2^(e + scale − shift).
        var exponent = 128 + dropped + 1 + power.Exponent + scale - shift;
        if (significand == 1UL << (MantissaBits + 1))
        {
            significand >>= 1;
            exponent++;
        }

        var biased = exponent + MantissaBits + ExponentBias;
        if (biased is < 1 or > (2 * ExponentBias))
        {
            return false; // subnormal or infinite: rounded differently, and rare
        }

        bits = ((ulong)biased << MantissaBits) | (significand & ((1UL << MantissaBits) - 1));
        return true;
    }
}
