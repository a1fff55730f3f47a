using Trainscope.Formats.Text;

namespace Trainscope.Formats.MetricLogger;

/// <summary>Reads Python's `str(datetime.timedelta)`: `2:53:16`, `0:00:00.5`, `1 day, 2:53:16`, `3 days, 0:10:27`.</summary>
internal static class Timedelta
{
    public static bool TryParse(ReadOnlySpan<byte> text, out double seconds)
    {
        seconds = 0;
        double days = 0;
        var comma = text.IndexOf((byte)',');
        if (comma > 0)
        {
            // `N day, ` or `N days, ` before the clock.
            var head = SpanFields.TrimSpaces(text[..comma]);
            var i = 0;
            if (!SpanFields.TryReadLong(head, ref i, out var n) || !(head[i..].SequenceEqual(" day"u8) || head[i..].SequenceEqual(" days"u8)))
            {
                return false;
            }

            days = n;
            text = SpanFields.TrimSpaces(text[(comma + 1)..]);
        }

        if (!SpanFields.TryParseDuration(text, out var clock))
        {
            return false;
        }

        seconds = days * 86400 + clock;
        return true;
    }

    /// <summary>
    /// Reads `H:MM:SS` or `N day, H:MM:SS` / `N days, H:MM:SS` at the start of <paramref name="text"/> and says where it
    /// ends; the seconds are those <see cref="TryParse"/> gives for the same text. Anything else (fractions, two
    /// groups, very long numbers) is false and left to <see cref="TryParse"/>.
    /// </summary>
    public static bool TryReadClock(ReadOnlySpan<byte> text, out double seconds, out int length)
    {
        seconds = 0;
        length = 0;
        var i = 0;
        if (!TryReadShort(text, ref i, out var hours))
        {
            return false;
        }

        double days = 0;
        if ((uint)i < (uint)text.Length && text[i] == (byte)' ')
        {
            var rest = text[i..];
            var unit = rest.StartsWith(" day, "u8) ? " day, "u8.Length : rest.StartsWith(" days, "u8) ? " days, "u8.Length : 0;
            if (unit == 0)
            {
                return false;
            }

            days = hours;
            i += unit;
            if (!TryReadShort(text, ref i, out hours))
            {
                return false;
            }
        }

        if (!TryReadPair(text, ref i, out var minutes) || !TryReadPair(text, ref i, out var secs)
            || ((uint)i < (uint)text.Length && ((uint)(text[i] - '0') <= 9 || text[i] is (byte)'.' or (byte)':')))
        {
            return false;
        }

        // The general reader sums in doubles, days last: the same operations in the same order give the same bits.
        double clock = hours;
        clock = (clock * 60) + minutes;
        clock = (clock * 60) + secs;
        seconds = (days * 86400) + clock;
        length = i;
        return true;
    }

    /// <summary>One to nine digits at <paramref name="i"/>.</summary>
    private static bool TryReadShort(ReadOnlySpan<byte> text, ref int i, out long value)
    {
        value = 0;
        var start = i;
        uint d;
        while ((uint)i < (uint)text.Length && (d = (uint)(text[i] - '0')) <= 9)
        {
            value = (value * 10) + d;
            if (++i - start > 9)
            {
                return false;
            }
        }

        return i > start;
    }

    /// <summary>`:` and exactly two digits at <paramref name="i"/>.</summary>
    private static bool TryReadPair(ReadOnlySpan<byte> text, ref int i, out int value)
    {
        value = 0;
        if ((uint)(i + 2) >= (uint)text.Length || text[i] != (byte)':')
        {
            return false;
        }

        var tens = (uint)(text[i + 1] - '0');
        var ones = (uint)(text[i + 2] - '0');
        if (tens > 9 || ones > 9)
        {
            return false;
        }

        value = (int)((tens * 10) + ones);
        i += 3;
        return true;
    }
}
