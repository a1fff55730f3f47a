using Trainscope.Formats.Text;

namespace Trainscope.Formats.PythonDict;

/// <summary>Parses the decimals the Trainer prints (`2.7711`, `9.999999e-05`, `-3`) without the general parser's cost.</summary>
internal static class DictNumber
{
    /// <summary>More digits than this and the mantissa could wrap around a <see cref="ulong"/>.</summary>
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
    /// Floating Point Numbers Accurately", PLDI 1990). The loops index the span directly so the bounds checks fold away.
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

        ulong mantissa = 0;
        var start = i;
        for (; (uint)i < (uint)text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            mantissa = mantissa * 10 + d;
        }

        var digits = i - start;
        if (digits == 0)
        {
            return false;
        }

        var scale = 0;
        if ((uint)i < (uint)text.Length && text[i] == (byte)'.')
        {
            integral = false;
            var fractionStart = ++i;
            for (; (uint)i < (uint)text.Length; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                mantissa = mantissa * 10 + d;
            }

            if (i == fractionStart)
            {
                return false;
            }

            scale = fractionStart - i;
            digits += i - fractionStart;
        }

        if ((uint)i < (uint)text.Length && (text[i] | 0x20) == (byte)'e')
        {
            integral = false;
            if (!TryReadExponent(text, ref i, out var exponent))
            {
                return false;
            }

            scale += exponent;
        }

        if (digits > MaxGatheredDigits || mantissa > MaxExactMantissa || scale is < -ExactPowersOfTen.Largest or > ExactPowersOfTen.Largest)
        {
            return false;
        }

        value = scale < 0 ? mantissa / ExactPowersOfTen.Values[-scale] : mantissa * ExactPowersOfTen.Values[scale];
        if (negative)
        {
            value = -value; // `-0.0` too: double.Parse keeps the sign of zero
        }

        end = i;
        return true;
    }

    /// <summary>Parses the whole token; anything outside the fast path's reach goes to <see cref="Utf8Number"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        var i = 0;
        var negative = token.Length > 0 && token[0] == (byte)'-';
        if (negative)
        {
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        for (; i < token.Length && (uint)(token[i] - '0') <= 9; i++)
        {
            mantissa = mantissa * 10 + (token[i] - '0');
            digits++;
        }

        if (digits == 0)
        {
            return Utf8Number.TryParse(token, out value);
        }

        var scale = 0;
        if (i < token.Length && token[i] == (byte)'.')
        {
            var fractionStart = ++i;
            for (; i < token.Length && (uint)(token[i] - '0') <= 9; i++)
            {
                mantissa = mantissa * 10 + (token[i] - '0');
                digits++;
            }

            if (i == fractionStart)
            {
                return Utf8Number.TryParse(token, out value);
            }

            scale = fractionStart - i;
        }

        if (i < token.Length && (token[i] | 0x20) == (byte)'e')
        {
            if (!TryExponent(token[(i + 1)..], out var exponent))
            {
                return Utf8Number.TryParse(token, out value);
            }

            scale += exponent;
            i = token.Length;
        }

        if (i != token.Length || digits > 15 || scale is < -ExactPowersOfTen.Largest or > ExactPowersOfTen.Largest)
        {
            return Utf8Number.TryParse(token, out value);
        }

        value = scale < 0 ? mantissa / ExactPowersOfTen.Values[-scale] : mantissa * ExactPowersOfTen.Values[scale];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>The exponent after the `e` at <paramref name="i"/>: a sign and one to three digits, as TryExponent takes it.</summary>
    private static bool TryReadExponent(ReadOnlySpan<byte> text, ref int i, out int exponent)
    {
        exponent = 0;
        var j = i + 1;
        var negative = false;
        if ((uint)j < (uint)text.Length && text[j] is (byte)'-' or (byte)'+')
        {
            negative = text[j] == (byte)'-';
            j++;
        }

        var start = j;
        for (; (uint)j < (uint)text.Length; j++)
        {
            var d = (uint)(text[j] - '0');
            if (d > 9)
            {
                break;
            }

            exponent = exponent * 10 + (int)d;
        }

        if (j == start || j - start > 3)
        {
            return false;
        }

        exponent = negative ? -exponent : exponent;
        i = j;
        return true;
    }

    private static bool TryExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        if (i == text.Length || text.Length - i > 3)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return false;
            }

            exponent = exponent * 10 + (int)d;
        }

        if (negative)
        {
            exponent = -exponent;
        }

        return true;
    }
}
