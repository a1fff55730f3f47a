using System.Runtime.CompilerServices;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.PythonDict;

/// <summary>Parses the decimals the Trainer prints (`2.7711`, `9.999999e-05`, `-3`) without the general parser's cost.</summary>
internal static class DictNumber
{
    /// <summary>More digits than this and the mantissa could wrap around 64 bits.</summary>
    private const int MaxGatheredDigits = 19;

    /// <summary>Every integer up to 2^53 is a double; above it the mantissa itself would be rounded.</summary>
    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>
    /// Reads the plain number that starts at <paramref name="at"/> — `-`, digits, an optional fraction, an optional
    /// exponent of up to three digits — in the same pass that finds where it stops (<paramref name="end"/>); false for
    /// any other form and for numbers the single exact operation cannot give, which <see cref="TryParse"/> then reads.
    /// </summary>
    /// <remarks>
    /// A mantissa of at most 2^53 and a power of ten of at most 10^22 are both exact doubles, so one multiplication or
    /// division is correctly rounded and equals what <see cref="double.Parse(string)"/> returns (Clinger, "How to Read
    /// Floating Point Numbers Accurately", PLDI 1990). The mantissa is exact up to nineteen digits (below 2^64), and more
    /// are refused before it is looked at. The index stays a local, never passed by reference, so it lives in a register.
    /// </remarks>
    public static bool TryReadPlain(ReadOnlySpan<byte> text, int at, out double value, out int end, out bool integral)
    {
        value = 0;
        end = at;
        integral = true;
        var i = at;
        var negative = (uint)i < (uint)text.Length && text[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        long mantissa = 0;
        var digits = ReadDigits(text, ref i, ref mantissa);
        if (digits == 0)
        {
            return false;
        }

        var scale = 0;
        if ((uint)i < (uint)text.Length && text[i] == (byte)'.')
        {
            integral = false;
            i++;
            var fraction = ReadDigits(text, ref i, ref mantissa);
            if (fraction == 0)
            {
                return false;
            }

            scale = -fraction;
            digits += fraction;
        }

        if ((uint)i < (uint)text.Length && (text[i] | 0x20) == (byte)'e')
        {
            integral = false;
            var exponentEnd = ExponentEnd(text, i + 1, out var exponent);
            if (exponentEnd < 0)
            {
                return false;
            }

            scale += exponent;
            i = exponentEnd;
        }

        if (digits > MaxGatheredDigits || (ulong)mantissa > MaxExactMantissa || scale is < -ExactPowersOfTen.Largest or > ExactPowersOfTen.Largest)
        {
            return false;
        }

        // The signed conversion: the mantissa is at most 2^53, and the unsigned one costs a few instructions more.
        var magnitude = (double)mantissa;
        magnitude = scale < 0 ? magnitude / ExactPowersOfTen.Values[-scale] : magnitude * ExactPowersOfTen.Values[scale];
        value = negative ? -magnitude : magnitude; // `-0.0` too: double.Parse keeps the sign of zero
        end = i;
        return true;
    }

    /// <summary>Parses the whole token; anything outside the fast path's reach goes to <see cref="Utf8Number"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
        => (TryReadPlain(token, 0, out value, out var end, out _) && end == token.Length) || Utf8Number.TryParse(token, out value);

    /// <summary>Where the exponent that starts at <paramref name="i"/> ends (a sign and one to three digits), or -1.</summary>
    private static int ExponentEnd(ReadOnlySpan<byte> text, int i, out int exponent)
    {
        exponent = 0;
        var negative = false;
        if ((uint)i < (uint)text.Length && text[i] is (byte)'-' or (byte)'+')
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        var start = i;
        for (; (uint)i < (uint)text.Length && i - start <= 3; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            exponent = (exponent * 10) + (int)d;
        }

        if (i == start || i - start > 3)
        {
            return -1;
        }

        exponent = negative ? -exponent : exponent;
        return i;
    }

    /// <summary>Appends the digits from <paramref name="i"/> on to <paramref name="mantissa"/>; returns how many (the caller bounds them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ReadOnlySpan<byte> text, ref int i, ref long mantissa)
    {
        var start = i;
        for (; (uint)i < (uint)text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + d;
        }

        return i - start;
    }
}
