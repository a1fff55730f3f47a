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
}
