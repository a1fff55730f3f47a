using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Generic;

/// <summary>Turns a pair's label words into a metric name: lower-case ASCII, words joined by `_`, phase split off.</summary>
internal static class MetricLabel
{
    private const int MaxNameBytes = 128;

    /// <summary>
    /// The name of pair <paramref name="pair"/>. <paramref name="full"/> keeps qualifiers (`batch_loss`); otherwise they
    /// are dropped (`Batch loss` → `loss`). A leading `Average`/`Avg` sets <paramref name="mean"/> and is dropped.
    /// </summary>
    public static string Name(ReadOnlySpan<byte> body, LineReading reading, int pair, bool full, NameTable names, ref Phase phase, out bool mean)
    {
        ref readonly var p = ref reading.Pairs[pair];
        var first = p.FirstWord;
        var last = p.FirstWord + p.WordCount; // exclusive
        mean = false;
        if (last - first > 1 && GenericWords.Shouting(Word(body, reading, first)) && !GenericWords.Shouting(Word(body, reading, first + 1)))
        {
            first++; // dllogger `PARAMETER loss_scale`
        }

        if (last - first > 1 && GenericWords.MeanPrefix(Word(body, reading, first)))
        {
            mean = true;
            first++;
        }

        Span<byte> name = stackalloc byte[MaxNameBytes];
        var length = 0;

        for (var w = first; w < last; w++)
        {
            var word = Word(body, reading, w);
            if (!full && w < last - 1 && GenericWords.Qualifier(word))
            {
                continue;
            }

            if (length > 0 && length < MaxNameBytes)
            {
                name[length++] = (byte)'_';
            }

            foreach (var b in word)
            {
                if (length == MaxNameBytes)
                {
                    break;
                }

                name[length++] = (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
            }
        }

        var rest = MetricNaming.SplitPhase(name[..length], phase, out phase);
        if (!p.Dev || rest.Length > MaxNameBytes - 4)
        {
            return names.Get(rest);
        }

        // After the phase split, which would take `dev_` off again.
        Span<byte> dev = stackalloc byte[MaxNameBytes];
        "dev_"u8.CopyTo(dev);
        rest.CopyTo(dev[4..]);
        return names.Get(dev[..(4 + rest.Length)]);
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> body, LineReading reading, int index)
    {
        var (start, length) = reading.Words[index];
        return body.Slice(start, length);
    }
}
