using Trainscope.Formats.Text;

namespace Trainscope.Formats.MetricLogger;

/// <summary>Parses the plain decimals MetricLogger prints (`0.000100`, `-12.5`, `4851`) faster than the general parser.</summary>
internal static class PlainDecimal
{

    /// <summary>Parses the whole token; anything unusual (exponents, `nan`, long mantissas) goes to <see cref="Utf8Number"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
        => (TryParseLeading(token, out value, out var length) && length == token.Length) || Utf8Number.TryParse(token, out value);

    /// <summary>
    /// Reads a plain decimal at the start of <paramref name="text"/> and says where it ends, so a field's value is
    /// scanned and parsed in one pass. False for anything <see cref="TryParse"/> would hand to the general parser (no
    /// digits, more than 15); the caller then reads the field the general way.
    /// </summary>
    public static bool TryParseLeading(ReadOnlySpan<byte> text, out double value, out int length)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }

                continue;
            }

            if (text[i] != (byte)'.' || fraction >= 0)
            {
                break;
            }

            fraction = 0;
        }

        length = i;
        if (digits == 0 || digits > 15)
        {
            return false;
        }

        value = fraction > 0 ? mantissa / ExactPowersOfTen.Values[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
