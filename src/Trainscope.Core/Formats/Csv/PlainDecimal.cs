namespace Trainscope.Formats.Csv;

/// <summary>
/// Parses the plain decimals metric CSVs are made of (`0.815945`, `-12`, `833.209`) without the general parser: a row
/// holds a dozen of them, so this is where a large CSV spends its time. Anything else (exponents, `nan`, more than 15
/// digits) returns false and goes to the general parser.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 15;

    // Exact powers of ten: every one up to 1e22 is representable, which is what makes the division below exact.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>
    /// With at most 15 significant digits the mantissa is an exact double below 2^53 and so is 10^k; one IEEE division
    /// of two exact values is correctly rounded (Clinger's fast path), so the result equals <see cref="double.Parse(string)"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fraction = -1;
        var start = i;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (mantissa != 0 || d != 0)
                {
                    if (++digits > MaxDigits)
                    {
                        return false;
                    }
                }

                mantissa = mantissa * 10 + d;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (s[i] == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        var length = i - start;
        if (length == 0 || (fraction >= 0 && length == 1) || fraction >= PowersOfTen.Length)
        {
            return false; // empty, a lone dot, or too many decimals for the exact table
        }

        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
