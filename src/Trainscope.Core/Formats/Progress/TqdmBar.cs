using Trainscope.Formats.Text;

namespace Trainscope.Formats.Progress;

/// <summary>The parts of one tqdm redraw: `{desc}: {pct}%|{bar}| {n}/{total} [{elapsed}<{remaining}, {rate}{postfix}]`.</summary>
internal ref struct TqdmBar
{
    public ReadOnlySpan<byte> Description;
    public long? N;
    public long? Total;

    /// <summary>Iterations per second (`s/it` converted), if printed and known.</summary>
    public double? Rate;

    /// <summary>The `key=value, …` postfix inside the brackets after the rate.</summary>
    public ReadOnlySpan<byte> Postfix;

    /// <summary>True when other text (a DeepSpeed or NCCL message) is glued after the closing bracket.</summary>
    public bool HasTrailingText;

    public static bool TryRead(ReadOnlySpan<byte> body, out TqdmBar bar)
    {
        bar = default;
        var pct = body.IndexOf("%|"u8);
        int afterCount;
        if (pct >= 0)
        {
            var close = body[(pct + 2)..].IndexOf((byte)'|');
            if (close < 0)
            {
                return false;
            }

            var numberStart = pct;
            while (numberStart > 0 && ((uint)(body[numberStart - 1] - '0') <= 9 || body[numberStart - 1] == (byte)'.'))
            {
                numberStart--;
            }

            if (numberStart == pct)
            {
                return false;
            }

            bar.Description = Describe(body[..numberStart]);
            var i = SpanFields.SkipSpaces(body, pct + 2 + close + 1);
            if (SpanFields.TryReadFraction(body, ref i, out var n, out var total))
            {
                bar.N = n;
                bar.Total = total;
            }

            afterCount = i;
        }
        else if (!TryReadUnknownTotal(body, ref bar, out afterCount))
        {
            return false;
        }

        var open = SpanFields.SkipSpaces(body, afterCount);
        if (open >= body.Length || body[open] != (byte)'[')
        {
            return bar.N is not null && body[open..].IsEmpty;
        }

        var end = body[open..].IndexOf((byte)']');
        if (end < 0)
        {
            return false; // cut mid-redraw
        }

        ReadBracket(body.Slice(open + 1, end - 1), ref bar);
        bar.HasTrailingText = !SpanFields.TrimSpaces(body[(open + end + 1)..]).IsEmpty;
        return true;
    }

    private static bool TryReadUnknownTotal(ReadOnlySpan<byte> body, ref TqdmBar bar, out int afterCount)
    {
        // `Epoch 0: 1234it [00:10, 12.3it/s]`: no total, so no percentage and no bar.
        afterCount = 0;
        var it = body.IndexOf("it ["u8);
        var start = it;
        while (start > 0 && (uint)(body[start - 1] - '0') <= 9)
        {
            start--;
        }

        if (it <= 0 || start == it || (start > 0 && body[start - 1] != (byte)' '))
        {
            return false;
        }

        var i = start;
        SpanFields.TryReadLong(body, ref i, out var n);
        bar.N = n;
        bar.Description = Describe(body[..start]);
        afterCount = it + 2;
        return true;
    }

    private static void ReadBracket(ReadOnlySpan<byte> inside, ref TqdmBar bar)
    {
        // `6:28:43<94:39:17,  1.37it/s, loss=2.6`: times, then the rate, then the postfix.
        var comma = inside.IndexOf((byte)',');
        if (comma < 0)
        {
            return;
        }

        var rest = inside[(comma + 1)..];
        var next = rest.IndexOf((byte)',');
        var rate = SpanFields.TrimSpaces(next < 0 ? rest : rest[..next]);
        if (rate.IndexOf((byte)'=') >= 0)
        {
            bar.Postfix = rest; // no rate printed, the postfix follows the times
            return;
        }

        bar.Postfix = next < 0 ? default : rest[(next + 1)..];
        if (rate.EndsWith("it/s"u8) && Utf8Number.TryParse(rate[..^4], out var perSecond))
        {
            bar.Rate = perSecond;
        }
        else if (rate.EndsWith("s/it"u8) && Utf8Number.TryParse(rate[..^4], out var secondsPerIt) && secondsPerIt > 0)
        {
            bar.Rate = 1 / secondsPerIt;
        }
    }

    private static ReadOnlySpan<byte> Describe(ReadOnlySpan<byte> head)
    {
        head = SpanFields.TrimSpaces(head);
        return head.EndsWith(":"u8) ? SpanFields.TrimSpaces(head[..^1]) : head;
    }
}
