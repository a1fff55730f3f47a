namespace Trainscope.Formats.Text;

/// <summary>Parses the timestamps logging libraries print, from UTF-8 bytes, without allocating.</summary>
public static class Timestamps
{
    private static ReadOnlySpan<long> FractionTicks => [1000000, 100000, 10000, 1000, 100, 10, 1];

    /// <summary>
    /// Accepts `2026-01-05 10:33:33,342`, `2026-01-05T10:33:33.342123`, `2026/01/05 10:33:33` and detectron2's
    /// `12/21 21:00:41` (no year: year 1 is used, so only differences are meaningful). Times are taken as written (no zone).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime time, out int length)
    {
        time = default;
        length = 0;
        // Each form has its first separator at a fixed place, which most text led by digits (a CSV row's step) lacks.
        if (text.Length < 14 || (text[4] is not ((byte)'-' or (byte)'/') && text[2] != (byte)'/'))
        {
            return false;
        }

        if (text.Length >= 19 && Digits(text, 0, 4, out var year) && text[4] is (byte)'-' or (byte)'/'
            && Digits(text, 5, 2, out var month) && text[7] == text[4] && Digits(text, 8, 2, out var day)
            && text[10] is (byte)' ' or (byte)'T' && TryClock(text[11..], out var clock, out var clockLength))
        {
            return Build(year, month, day, clock, out time) && Done(11 + clockLength, out length);
        }

        if (text.Length >= 14 && Digits(text, 0, 2, out month) && text[2] == (byte)'/' && Digits(text, 3, 2, out day)
            && text[5] == (byte)' ' && TryClock(text[6..], out clock, out clockLength))
        {
            return Build(1, month, day, clock, out time) && Done(6 + clockLength, out length);
        }

        return false;
    }

    /// <summary>Parses `HH:MM:SS` with an optional `,mmm`/`.ffffff` fraction.</summary>
    public static bool TryClock(ReadOnlySpan<byte> text, out TimeSpan clock, out int length)
    {
        clock = default;
        length = 0;
        if (text.Length < 8 || !Digits(text, 0, 2, out var h) || text[2] != (byte)':' || !Digits(text, 3, 2, out var m)
            || text[5] != (byte)':' || !Digits(text, 6, 2, out var s) || h > 23 || m > 59 || s > 60)
        {
            return false;
        }

        var i = 8;
        long ticks = 0;
        if (i < text.Length && text[i] is (byte)',' or (byte)'.')
        {
            var j = i + 1;
            while (j < text.Length && (uint)(text[j] - '0') <= 9)
            {
                // The n-th fraction digit is worth 10^(6-n) ticks; digits past the seventh are below a tick.
                var place = j - i - 1;
                ticks += place < FractionTicks.Length ? (text[j] - '0') * FractionTicks[place] : 0;
                j++;
            }

            if (j > i + 1)
            {
                i = j;
            }
            else
            {
                ticks = 0;
            }
        }

        clock = new TimeSpan(h, m, s) + TimeSpan.FromTicks(ticks);
        length = i;
        return true;
    }

    private static bool Build(int year, int month, int day, TimeSpan clock, out DateTime time)
    {
        time = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        time = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified) + clock;
        return true;
    }

    private static bool Done(int consumed, out int length)
    {
        length = consumed;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = value * 10 + (int)d;
        }

        return true;
    }
}
