using System.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.Generic;

/// <summary>What a token starting with a digit turned out to be.</summary>
internal enum NumberKind : byte
{
    /// <summary>A date, time, version, IP, hex id or number with an unknown suffix: never a value.</summary>
    Junk,
    Number,

    /// <summary>`485.20/513`, `200/ 2983`: a value and a total.</summary>
    Fraction,
}

/// <summary>A number read from a line, with where it ends.</summary>
internal readonly record struct NumberToken(NumberKind Kind, double Value, double Total, int End)
{
    private const int MaxNumberBytes = 64;

    public static bool StartsNumber(ReadOnlySpan<byte> s, int i)
    {
        if (i >= s.Length)
        {
            return false;
        }

        var b = s[i];
        if ((uint)(b - '0') <= 9)
        {
            return i == 0 || !GenericWords.IsAsciiLetter(s[i - 1]);
        }

        if ((b is (byte)'-' or (byte)'+' or (byte)'.') && i + 1 < s.Length && (i == 0 || s[i - 1] is (byte)' ' or (byte)':' or (byte)'=' or (byte)'\t'))
        {
            var next = s[i + 1];
            return (uint)(next - '0') <= 9 || (b != (byte)'.' && next is (byte)'.' or (byte)'i' or (byte)'I' or (byte)'n' or (byte)'N');
        }

        return false;
    }

    /// <summary>`nan`, `-inf`, `Infinity`, also with a unit (`nanms`).</summary>
    public static bool IsSpecial(ReadOnlySpan<byte> word, out double value)
    {
        value = 0;
        var body = word.Length > 0 && word[0] is (byte)'-' or (byte)'+' ? word[1..] : word;
        if (body.Length >= 3 && Ascii.EqualsIgnoreCase(body[..3], "nan"u8) && (body.Length == 3 || GenericWords.Unit(body[3..])))
        {
            value = double.NaN;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = word[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    public static NumberToken Read(ReadOnlySpan<byte> s, int i)
    {
        var rest = s[i..];
        if (rest.Length > 1 && rest[0] is (byte)'-' or (byte)'+' && GenericWords.IsAsciiLetter(rest[1]))
        {
            var wordEnd = 1;
            while (wordEnd < rest.Length && GenericWords.IsAsciiLetter(rest[wordEnd]))
            {
                wordEnd++;
            }

            return IsSpecial(rest[..wordEnd], out var special) ? new(NumberKind.Number, special, 0, i + wordEnd) : Junk(s, i);
        }

        var length = Grouped(rest, Utf8Number.ScanLength(rest));
        if (length == 0 || length > MaxNumberBytes || !Utf8Number.TryParse(rest[..length], out var value))
        {
            return Junk(s, i);
        }

        var end = i + length;
        if (end >= s.Length)
        {
            return new(NumberKind.Number, value, 0, end);
        }

        var c = s[end];
        if (c is (byte)'/' && TryTotal(s, end + 1, out var total, out var totalEnd))
        {
            return new(NumberKind.Fraction, value, total, totalEnd);
        }

        if (c is (byte)':' or (byte)'-' or (byte)'.' or (byte)'/' && end + 1 < s.Length && (uint)(s[end + 1] - '0') <= 9)
        {
            return Junk(s, i); // 10:33:33, 2024-01-05, 10.0.0.1
        }

        if (c is (byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'|' or (byte)')' or (byte)']' or (byte)'}' or (byte)':'
            or (byte)'=' or (byte)'(' || (c == 0xEF && end + 1 < s.Length && s[end + 1] == 0xBC))
        {
            return new(NumberKind.Number, value, 0, end);
        }

        // A suffix: a unit we know (`30.2ms`, `40.1%`, `14.52秒`) or junk (`0x1f`, `31C`, `3f2d2fc9`).
        var unitEnd = end;
        while (unitEnd < s.Length && s[unitEnd] is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'|' or (byte)')'
            or (byte)']' or (byte)'}' or (byte)':' or (byte)'=' or (byte)'(') && !(s[unitEnd] == 0xEF && unitEnd + 1 < s.Length && s[unitEnd + 1] == 0xBC))
        {
            unitEnd++;
        }

        return GenericWords.Unit(s[end..unitEnd]) ? new(NumberKind.Number, value, 0, unitEnd) : Junk(s, i);
    }

    /// <summary>Extends a number over thousands groups: `2,118,123,520` (each group exactly 3 digits, then a boundary).</summary>
    private static int Grouped(ReadOnlySpan<byte> s, int length)
    {
        while (length > 0 && length + 4 <= s.Length && s[length] == (byte)',' && AllDigits(s.Slice(length + 1, 3))
            && (length + 4 == s.Length || (uint)(s[length + 4] - '0') > 9))
        {
            length += 4;
        }

        return length;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s) => s.Length > 0 && s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static bool TryTotal(ReadOnlySpan<byte> s, int i, out double total, out int end)
    {
        var j = SpanFields.SkipSpaces(s, i);
        var start = j;
        total = 0;
        end = i;
        if (!SpanFields.TryReadLong(s, ref j, out var n) || (j < s.Length && (GenericWords.IsAsciiLetter(s[j]) || s[j] is (byte)'.' or (byte)'/')))
        {
            return false;
        }

        total = n;
        end = j;
        return j > start;
    }

    private static NumberToken Junk(ReadOnlySpan<byte> s, int i)
    {
        var end = i;
        while (end < s.Length && s[end] is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)'|' or (byte)';'))
        {
            end++;
        }

        return new(NumberKind.Junk, 0, 0, Math.Max(end, i + 1));
    }
}
