using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

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

    private static readonly ulong[] IntegerPowersOfTen = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

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
        // The index lives in a local: written through the ref on every byte it kept the loop waiting on memory.
        var at = i;
        var negative = false;
        if (at < s.Length && (s[at] == (byte)'-' || s[at] == (byte)'+'))
        {
            negative = s[at] == (byte)'-';
            at++;
        }

        // Most metric cells (`0.815945`, `52.85`, `12`) fit in eight bytes with their dot: one word holds the number.
        var word = Load8(s, at);
        var notDigits = NotDigits(word);
        var wholeDigits = BitOperations.TrailingZeroCount(notDigits) >> 3;
        ulong mantissa;
        int decimals;
        if (wholeDigits < 8 && (byte)(word >> (wholeDigits * 8)) == (byte)'.')
        {
            var end = BitOperations.TrailingZeroCount(notDigits & ~LowBytes(wholeDigits + 1)) >> 3;
            if (end == 8 && at + 8 < s.Length && s[at + 8] - (uint)'0' <= 9)
            {
                return ScanWords(s, ref i, negative, out value);
            }

            decimals = end - wholeDigits - 1;
            if (wholeDigits + decimals == 0)
            {
                value = 0;
                return false; // a lone dot
            }

            // The dot taken out, the digits before and after it are one run of at most seven.
            var digits = (word & LowBytes(wholeDigits)) | ((word >> 8) & ~LowBytes(wholeDigits));
            mantissa = DigitsValue(digits, wholeDigits + decimals);
            at += end;
        }
        else if (wholeDigits is > 0 and < 8)
        {
            mantissa = DigitsValue(word, wholeDigits);
            decimals = 0;
            at += wholeDigits;
        }
        else if (wholeDigits == 0)
        {
            value = 0;
            return false;
        }
        else
        {
            return ScanWords(s, ref i, negative, out value);
        }

        // Below 2^53, so the signed conversion is exact and skips the unsigned one's fix-up.
        value = decimals > 0 ? (long)mantissa / PowersOfTen[decimals] : (long)mantissa;
        if (negative)
        {
            value = -value;
        }

        i = at;
        return true;
    }

    /// <summary>
    /// Up to seven digits before and after the dot, read a word at a time: at most 14 digits in all, within the 15 the
    /// division is exact for. Longer runs take the byte loop.
    /// </summary>
    private static bool ScanWords(ReadOnlySpan<byte> s, ref int i, bool negative, out double value)
    {
        var at = i;
        if (at < s.Length && (s[at] == (byte)'-' || s[at] == (byte)'+'))
        {
            at++;
        }

        var whole = Load8(s, at);
        var wholeDigits = LeadingDigits(whole);
        if (wholeDigits == 8)
        {
            return ScanByByte(s, ref i, negative, out value);
        }

        var mantissa = wholeDigits == 0 ? 0 : DigitsValue(whole, wholeDigits);
        at += wholeDigits;
        var decimals = 0;
        if (at < s.Length && s[at] == (byte)'.')
        {
            var fraction = Load8(s, at + 1);
            decimals = LeadingDigits(fraction);
            if (decimals == 8)
            {
                return ScanByByte(s, ref i, negative, out value);
            }

            if (wholeDigits + decimals == 0)
            {
                value = 0;
                return false;
            }

            if (decimals > 0)
            {
                mantissa = mantissa * IntegerPowersOfTen[decimals] + DigitsValue(fraction, decimals);
            }

            at += 1 + decimals;
        }
        else if (wholeDigits == 0)
        {
            value = 0;
            return false;
        }

        value = decimals > 0 ? (long)mantissa / PowersOfTen[decimals] : (long)mantissa;
        if (negative)
        {
            value = -value;
        }

        i = at;
        return true;
    }

    /// <summary>The word's bytes below <paramref name="count"/> (0 to 8) set: a mask of its first bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowBytes(int count) => count >= 8 ? ulong.MaxValue : (1UL << (count * 8)) - 1;

    /// <summary>
    /// The high bit of every byte of the word that is not an ASCII digit. Unlike <see cref="LeadingDigits"/> nothing carries
    /// from byte to byte, so every flag is right, not only the first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong NotDigits(ulong word)
    {
        // After the XOR a digit byte is 0..9; adding 0x76 to its low seven bits sets bit 7 from 10 on, without a carry out.
        var t = word ^ 0x3030_3030_3030_3030UL;
        return (((t & 0x7F7F_7F7F_7F7F_7F7FUL) + 0x7676_7676_7676_7676UL) | t) & 0x8080_8080_8080_8080UL;
    }

    /// <summary>Eight bytes from <paramref name="at"/>, little-endian; past the span's end the bytes are 0 (not digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load8(ReadOnlySpan<byte> s, int at)
    {
        if ((uint)at <= (uint)s.Length && s.Length - at >= 8)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);
        }

        ulong word = 0;
        for (var k = s.Length - 1; k >= at; k--)
        {
            word = (word << 8) | s[k];
        }

        return word;
    }

    /// <summary>How many of the word's first bytes are ASCII digits (8 when all are).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LeadingDigits(ulong word)
    {
        // A byte's high bit is set in the sum when it is above '9' and in the difference when it is below '0'. Carries and
        // borrows only run from a byte into the ones after it, so the first flagged byte is the first non-digit.
        var notDigit = ((word + 0x4646_4646_4646_4646UL) | (word - 0x3030_3030_3030_3030UL)) & 0x8080_8080_8080_8080UL;
        return BitOperations.TrailingZeroCount(notDigit) >> 3;
    }

    /// <summary>The value of the word's first <paramref name="count"/> bytes (1 to 8, all digits) as a decimal number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong DigitsValue(ulong word, int count)
    {
        // Shifting the digits to the top puts zeros before them; then pairs, quads and the two halves are combined.
        var v = (word - 0x3030_3030_3030_3030UL) << ((8 - count) * 8);
        v = (v * 10) + (v >> 8);
        return (((v & 0x0000_00FF_0000_00FFUL) * (100 + (1_000_000UL << 32)))
            + (((v >> 16) & 0x0000_00FF_0000_00FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }

    /// <summary>The general digit loop after the sign, for runs of eight digits or more.</summary>
    private static bool ScanByByte(ReadOnlySpan<byte> s, ref int i, bool negative, out double value)
    {
        value = 0;
        var at = i;
        if (at < s.Length && (s[at] == (byte)'-' || s[at] == (byte)'+'))
        {
            at++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fraction = -1;
        var start = at;
        for (; at < s.Length; at++)
        {
            var d = (uint)(s[at] - '0');
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
            else if (s[at] == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                break;
            }
        }

        var length = at - start;
        if (length == 0 || (fraction >= 0 && length == 1) || fraction >= PowersOfTen.Length)
        {
            return false; // empty, a lone dot, or too many decimals for the exact table
        }

        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        i = at;
        return true;
    }
}
