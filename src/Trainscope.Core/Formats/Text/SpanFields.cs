using System.Buffers;

namespace Trainscope.Formats.Text;

/// <summary>Small readers for fields inside a line (`key=value`, `[3/200]`, `1:40:23`), on bytes and without allocating.</summary>
internal static class SpanFields
{
    private static readonly SearchValues<byte> TokenEnd = SearchValues.Create(" \t,;|)]}"u8);

    public static int SkipSpaces(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && (s[i] == (byte)' ' || s[i] == (byte)'\t'))
        {
            i++;
        }

        return i;
    }

    public static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> s) => s.Trim(" \t"u8);

    /// <summary>Reads unsigned decimal digits at <paramref name="i"/>; advances past them.</summary>
    public static bool TryReadLong(ReadOnlySpan<byte> s, ref int i, out long value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9 && i - start < 18)
        {
            value = value * 10 + (s[i] - '0');
            i++;
        }

        return i > start;
    }

    /// <summary>Reads `a/b` at <paramref name="i"/> (spaces allowed around the slash); advances past it.</summary>
    public static bool TryReadFraction(ReadOnlySpan<byte> s, ref int i, out long done, out long total)
    {
        total = 0;
        var j = SkipSpaces(s, i);
        if (!TryReadLong(s, ref j, out done))
        {
            return false;
        }

        j = SkipSpaces(s, j);
        if (j >= s.Length || s[j] != (byte)'/')
        {
            return false;
        }

        j = SkipSpaces(s, j + 1);
        if (!TryReadLong(s, ref j, out total))
        {
            return false;
        }

        i = j;
        return true;
    }

    /// <summary>The token at <paramref name="i"/>, up to a space, comma, `|`, `)`, `]` or `}`.</summary>
    public static ReadOnlySpan<byte> Token(ReadOnlySpan<byte> s, int i)
    {
        if (i >= s.Length)
        {
            return default;
        }

        var rest = s[i..];
        var end = rest.IndexOfAny(TokenEnd);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Reads the number at <paramref name="i"/>: a whole token (`1,234`, `nan`), else its number-looking head (`0.5%`).</summary>
    public static bool TryReadNumber(ReadOnlySpan<byte> s, int i, out double value, out int end)
    {
        var token = Token(s, i);
        if (Utf8Number.TryParse(token, out value))
        {
            end = i + token.Length;
            return true;
        }

        // `0.5%` and `14.52秒` carry a unit; `0:00:30` and `3/200` are not numbers.
        var length = Utf8Number.ScanLength(token);
        end = i + length;
        return length > 0 && (length == token.Length || token[length] is not ((byte)':' or (byte)'/' or (byte)'-'))
            && Utf8Number.TryParse(token[..length], out value);
    }

    /// <summary>The number written right after <paramref name="key"/> (`SeqNum=469508`), if the key is there.</summary>
    public static bool TryNumberAfter(ReadOnlySpan<byte> s, ReadOnlySpan<byte> key, out double value)
    {
        value = 0;
        var at = s.IndexOf(key);
        return at >= 0 && TryReadNumber(s, SkipSpaces(s, at + key.Length), out value, out _);
    }

    /// <summary>Parses `1:40:23`, `94:39:17`, `00:30` or `0:00:30.12` into seconds.</summary>
    public static bool TryParseDuration(ReadOnlySpan<byte> s, out double seconds)
    {
        seconds = 0;
        var groups = 0;
        var i = 0;
        double total = 0;
        while (i < s.Length)
        {
            var start = i;
            if (!TryReadLong(s, ref i, out var part) || (groups > 0 && i - start != 2))
            {
                return false;
            }

            total = total * 60 + part;
            groups++;
            if (i == s.Length)
            {
                break;
            }

            if (s[i] == (byte)'.' && groups >= 2)
            {
                if (!Utf8Number.TryParse(s[i..], out var fraction))
                {
                    return false;
                }

                total += fraction;
                break;
            }

            if (s[i] != (byte)':' || groups == 3)
            {
                return false;
            }

            i++;
        }

        seconds = total;
        return groups >= 2;
    }

    /// <summary>True when <paramref name="s"/> starts with <paramref name="word"/>, ignoring ASCII case.</summary>
    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word)
        => s.Length >= word.Length && System.Text.Ascii.EqualsIgnoreCase(s[..word.Length], word);
}
