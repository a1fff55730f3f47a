namespace Trainscope.Formats.Csv;

/// <summary>
/// Parses the plain decimals metric CSVs are made of (`0.815945`, `-12`, `833.209`) without the general parser: a row
/// holds a dozen of them, so this is where a large CSV spends its time. Anything else (exponents, `nan`, more than 15
/// digits) is left to the general parser.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 15;

    // Exact powers of ten (every one up to 1e22 is representable), which is what makes the division below exact.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>Parses the whole of <paramref name="s"/> as a plain decimal.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        return TryScan(s, ref i, out value) && i == s.Length;
    }

    /// <summary>
    /// Reads a plain decimal starting at <paramref name="i"/> and stops at the first byte that cannot continue it; the
    /// caller checks what that byte is. With at most 15 significant digits the mantissa is an exact double below 2^53
    /// and so is 10^k; one IEEE division of two exact values is correctly rounded (Clinger's fast path), so the result
    /// equals <see cref="double.Parse(string)"/>. Returns false (and leaves <paramref name="i"/> anywhere) otherwise.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> s, ref int i, out double value)
    {
        value = 0;
        var negative = false;
        if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
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
                if ((mantissa != 0 || d != 0) && ++digits > MaxDigits)
                {
                    return false;
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
                break;
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
