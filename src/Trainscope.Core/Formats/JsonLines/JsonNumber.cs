using System.Buffers.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>The value of a JSON number token, exactly as <see cref="JsonRecordReader"/> reads it.</summary>
internal static class JsonNumber
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary><paramref name="token"/> is in JSON's number grammar.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        if (TryExact(token, out value))
        {
            return true;
        }

        // `Utf8JsonReader.TryGetDouble` refuses what overflows to infinity; the general parser then reads it this way.
        if (Utf8Parser.TryParse(token, out value, out var consumed) && consumed == token.Length && double.IsFinite(value))
        {
            return true;
        }

        return Utf8Number.TryParse(token, out value);
    }

    /// <summary>
    /// Digits that fit a double exactly, scaled by an exactly representable power of ten: one IEEE multiplication or
    /// division is then correctly rounded, the same double any correct parser returns. Anything else (more than 2^53,
    /// larger exponents, zero and its sign) is left to the general parser.
    /// </summary>
    private static bool TryExact(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        var i = 0;
        var negative = token[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = 0;
        var inFraction = false;
        for (; i < token.Length; i++)
        {
            var b = token[i];
            if (b == (byte)'.')
            {
                inFraction = true;
                continue;
            }

            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                break;
            }

            if (digits >= 19)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            digits += mantissa == 0 ? 0 : 1;
            scale -= inFraction ? 1 : 0;
        }

        if (i < token.Length && !TryExponent(token[(i + 1)..], ref scale))
        {
            return false;
        }

        if (mantissa == 0 || mantissa > MaxExactMantissa || scale is < -22 or > 22)
        {
            return false;
        }

        value = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
        value = negative ? -value : value;
        return true;
    }

    private static bool TryExponent(ReadOnlySpan<byte> exponent, ref int scale)
    {
        var negative = exponent[0] == (byte)'-';
        var i = exponent[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (exponent.Length - i > 3)
        {
            return false;
        }

        var e = 0;
        for (; i < exponent.Length; i++)
        {
            e = (e * 10) + (exponent[i] - '0');
        }

        scale += negative ? -e : e;
        return true;
    }
}
