using Trainscope.Formats.Text;

namespace Trainscope.Formats.PythonDict;

/// <summary>Parses the decimals the Trainer prints (`2.7711`, `9.999999e-05`, `-3`) without the general parser's cost.</summary>
internal static class DictNumber
{

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
