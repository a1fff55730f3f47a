using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Trainscope.Formats.Text;

/// <summary>Reads a run of ASCII digits eight bytes at a time (SWAR), so a number costs a few multiplies, not a loop per digit.</summary>
internal static class DigitRun
{
    private const ulong Zeros = 0x3030303030303030;
    private const ulong TopBits = 0x8080808080808080;

    /// <summary>10^0 … 10^8, to shift a mantissa left by the digits of one run.</summary>
    private static ReadOnlySpan<long> Scales
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];
    }

    /// <summary>
    /// Reads the digits at <paramref name="i"/> into <paramref name="mantissa"/> (which may overflow when there are more
    /// than 18; callers reject those) and moves past them; returns how many there were.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called twice per number, on every value of every line
    public static int Read(ReadOnlySpan<byte> text, ref int i, ref long mantissa)
    {
        var start = i;
        while (text.Length - i >= 8)
        {
            var n = ReadEight(BinaryPrimitives.ReadUInt64LittleEndian(text[i..]), out var run);
            mantissa = (mantissa * Scales[n]) + run;
            i += n;
            if (n < 8)
            {
                return i - start;
            }
        }

        uint d;
        while ((uint)i < (uint)text.Length && (d = (uint)(text[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + d;
            i++;
        }

        return i - start;
    }

    /// <summary>
    /// Reads `ddd` or `ddd.ddd` (either part may be empty) that ends, with the byte after it, inside the eight bytes
    /// given (read little-endian, the first byte lowest): <paramref name="length"/> bytes, <paramref name="digits"/>
    /// digits of which <paramref name="fraction"/> after the dot. False when it runs on past them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadShortDecimal(ulong bytes, out long mantissa, out int digits, out int fraction, out int length)
    {
        var x = bytes ^ Zeros;
        var flags = ((x + 0x7676767676767676) | x) & TopBits;
        var whole = BitOperations.TrailingZeroCount(flags) >> 3;
        mantissa = 0;
        digits = whole;
        fraction = 0;
        length = whole;
        if (whole >= 8)
        {
            return false;
        }

        var wholeMask = (1UL << (whole * 8)) - 1;
        if ((byte)(bytes >> (whole * 8)) == (byte)'.')
        {
            // Drop the dot's flag: the next flagged byte ends the fraction.
            var end = BitOperations.TrailingZeroCount(flags & ~(0x80UL << (whole * 8))) >> 3;
            if (end >= 8)
            {
                return false;
            }

            // Move the whole digits up over the dot, so all digits sit side by side above an empty first byte.
            var endMask = (1UL << (end * 8)) - 1;
            x = ((x & wholeMask) << 8) | (x & endMask & ~((wholeMask << 8) | 0xFF));
            fraction = end - whole - 1;
            digits = end - 1;
            length = end;
            x <<= (8 - end) * 8;
        }
        else
        {
            x = (x & wholeMask) << ((8 - whole) * 8);
        }

        if (digits == 0)
        {
            return true;
        }

        x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FF00FF;
        x = ((x * 100) + (x >> 16)) & 0x0000FFFF0000FFFF;
        x = (x * 10000) + (x >> 32);
        mantissa = (long)(uint)x;
        return true;
    }

    /// <summary>The number of leading digits in eight bytes read little-endian (the first byte lowest), and their value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ReadEight(ulong bytes, out long value)
    {
        // Digits become 0…9. A byte above 9 is not a digit: adding 0x76 sets its top bit, or the top bit was set. A carry
        // can only leave a byte that is not a digit and only reaches later bytes, so the lowest flagged byte is the
        // first non-digit (none flagged: all eight are digits).
        var x = bytes ^ Zeros;
        var flags = ((x + 0x7676767676767676) | x) & TopBits;
        var count = BitOperations.TrailingZeroCount(flags) >> 3;
        if (count == 0)
        {
            value = 0;
            return 0;
        }

        // Shift the digits to the top so the bytes below read as leading zeros, then fold pairs, quads and the halves.
        x <<= (8 - count) * 8;
        x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FF00FF;
        x = ((x * 100) + (x >> 16)) & 0x0000FFFF0000FFFF;
        x = (x * 10000) + (x >> 32);
        value = (long)(uint)x;
        return count;
    }
}
