using System.Text;
using System.Globalization;

namespace Trainscope.Formats.Text;

/// <summary>Reads numbers straight from UTF-8 bytes, the way training logs write them.</summary>
public static class Utf8Number
{
    /// <summary>
    /// Parses a whole token as a number: `0.5`, `-1e-04`, `5.0000e+00`, `1,234,567` (thousands separators),
    /// `nan`, `NaN`, `inf`, `-inf`, `Infinity`. Returns false for anything else (dates, versions, words).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        if (token.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        return TryParseSpecial(token, out value) || TryParseGrouped(token, out value);
    }

    /// <summary>Length of the number-looking prefix of <paramref name="text"/> (sign, digits, dot, exponent), 0 if none.</summary>
    public static int ScanLength(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            i++;
        }

        var digitsStart = i;
        while (i < text.Length && ((uint)(text[i] - '0') <= 9 || text[i] == (byte)'.'))
        {
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        if (i < text.Length && (text[i] == (byte)'e' || text[i] == (byte)'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == (byte)'-' || text[j] == (byte)'+'))
            {
                j++;
            }

            var expStart = j;
            while (j < text.Length && (uint)(text[j] - '0') <= 9)
            {
                j++;
            }

            if (j > expStart)
            {
                i = j;
            }
        }

        return i;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> token, out double value)
    {
        var negative = token[0] == (byte)'-';
        var body = token[0] is (byte)'-' or (byte)'+' ? token[1..] : token;
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        value = 0;
        return false;
    }

    private static bool TryParseGrouped(ReadOnlySpan<byte> token, out double value)
    {
        // Thousands separators as OLMo and HF print them: 2,118,123,520. Groups after the first must have 3 digits.
        value = 0;
        if (token.IndexOf((byte)',') < 1 || token.Length > 64)
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[token.Length];
        var n = 0;
        var groupLength = -1;
        foreach (var b in token)
        {
            if (b == (byte)',')
            {
                if (groupLength == 0 || (groupLength > 0 && groupLength != 3))
                {
                    return false;
                }

                groupLength = 0;
                continue;
            }

            if (b == (byte)'.')
            {
                if (groupLength >= 0 && groupLength != 3)
                {
                    return false;
                }

                groupLength = int.MinValue;
            }
            else if (groupLength >= 0)
            {
                groupLength++;
            }

            digits[n++] = b;
        }

        return groupLength is 3 or < -1000 && double.TryParse(digits[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
