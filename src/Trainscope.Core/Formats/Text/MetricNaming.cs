using Trainscope.Records;

namespace Trainscope.Formats.Text;

/// <summary>Splits a phase word off a metric name: `train_loss`, `test_acc1`, `eval_loss`, `val/loss`, `Train/Loss`, `val_loss`.</summary>
public static class MetricNaming
{
    /// <summary>
    /// Returns the name without its phase prefix and the phase it named; a name without one is returned whole with
    /// <paramref name="fallback"/>. Separators recognised after the phase word: `_`, `/`, `-`, `.`, space.
    /// </summary>
    public static ReadOnlySpan<char> SplitPhase(ReadOnlySpan<char> name, Phase fallback, out Phase phase)
    {
        phase = fallback;
        var sep = name.IndexOfAny("_/-. ");
        if (sep <= 0 || sep == name.Length - 1)
        {
            return name;
        }

        if (PhaseNames.TryFromWord(name[..sep], out var named))
        {
            phase = named;
            return name[(sep + 1)..];
        }

        return name;
    }

    /// <summary>Byte overload: splits without decoding; the rest is returned as bytes.</summary>
    public static ReadOnlySpan<byte> SplitPhase(ReadOnlySpan<byte> name, Phase fallback, out Phase phase)
    {
        phase = fallback;
        var sep = name.IndexOfAny("_/-. "u8);
        if (sep <= 0 || sep == name.Length - 1 || sep > 10)
        {
            return name;
        }

        Span<char> word = stackalloc char[sep];
        for (var i = 0; i < sep; i++)
        {
            word[i] = (char)name[i];
        }

        if (PhaseNames.TryFromWord(word, out var named))
        {
            phase = named;
            return name[(sep + 1)..];
        }

        return name;
    }
}
