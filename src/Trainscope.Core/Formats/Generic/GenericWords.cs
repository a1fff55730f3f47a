using System.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Generic;

/// <summary>Which part of a position a word names (`Epoch 3`, `step 10`, `batch 20`).</summary>
internal enum PositionWord : byte
{
    None,
    Epoch,
    Step,
    Batch,
}

/// <summary>The words the generic reader gives meaning to: positions, phases, units, averages, and labels that are never metrics.</summary>
internal static class GenericWords
{
    public static PositionWord Position(ReadOnlySpan<byte> word)
    {
        // `第 3 轮` ("round 3") is how Chinese logs number epochs.
        if (Eq(word, "epoch"u8) || Eq(word, "ep"u8) || word.SequenceEqual("第"u8))
        {
            return PositionWord.Epoch;
        }

        if (Eq(word, "step"u8) || Eq(word, "iter"u8) || Eq(word, "iteration"u8) || Eq(word, "global_step"u8))
        {
            return PositionWord.Step;
        }

        return Eq(word, "batch"u8) ? PositionWord.Batch : PositionWord.None;
    }

    /// <summary>`train`, `val`, `Validation`, `dev`, `test` …, and the Chinese 训练/验证/测试 anywhere in a word (`训练集表现`).</summary>
    public static bool Phase(ReadOnlySpan<byte> word, out Phase phase)
    {
        phase = Records.Phase.Train;
        if (word.IsEmpty)
        {
            return false;
        }

        if (word[0] < 0x80 && (word.Length > 10 || (word[0] | 0x20) is not ((byte)'t' or (byte)'v' or (byte)'e' or (byte)'d')))
        {
            return false; // every ASCII phase word starts with t, v, e or d; most words are rejected here
        }

        if (word.Length <= 10 && word.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0)
        {
            Span<char> chars = stackalloc char[word.Length];
            for (var i = 0; i < word.Length; i++)
            {
                chars[i] = (char)word[i];
            }

            return PhaseNames.TryFromWord(chars, out phase);
        }

        if (word.IndexOf("训练"u8) >= 0)
        {
            return true;
        }

        if (word.IndexOf("验证"u8) >= 0)
        {
            phase = Records.Phase.Eval;
            return true;
        }

        if (word.IndexOf("测试"u8) >= 0)
        {
            phase = Records.Phase.Test;
            return true;
        }

        return false;
    }

    /// <summary>Units written after a value (`30.2ms`, `40.1%`, `8.104 GB`, `0.5 s/it`, `14.52秒`); the value is kept as written.</summary>
    public static bool Unit(ReadOnlySpan<byte> unit) => unit.Length switch
    {
        1 => unit[0] is (byte)'%' or (byte)'s' or (byte)'h' or (byte)'G' or (byte)'M' or (byte)'K' or (byte)'k' or (byte)'B'
            or (byte)'T' or (byte)'x',
        2 => unit.SequenceEqual("ms"u8) || unit.SequenceEqual("us"u8) || unit.SequenceEqual("GB"u8) || unit.SequenceEqual("MB"u8)
            || unit.SequenceEqual("KB"u8) || unit.SequenceEqual("TB"u8) || unit.SequenceEqual("hr"u8) || unit.SequenceEqual("µs"u8),
        3 => unit.SequenceEqual("sec"u8) || unit.SequenceEqual("min"u8) || unit.SequenceEqual("GiB"u8) || unit.SequenceEqual("MiB"u8)
            || unit.SequenceEqual("KiB"u8) || unit.SequenceEqual("hrs"u8) || unit.SequenceEqual("秒"u8),
        4 => unit.SequenceEqual("secs"u8) || unit.SequenceEqual("mins"u8) || unit.SequenceEqual("it/s"u8) || unit.SequenceEqual("s/it"u8),
        _ => unit.SequenceEqual("ms/it"u8) || unit.SequenceEqual("tok/s"u8) || unit.SequenceEqual("img/s"u8) || unit.SequenceEqual("s/step"u8)
            || unit.SequenceEqual("seconds"u8) || unit.SequenceEqual("ms/step"u8) || unit.SequenceEqual("ms/batch"u8)
            || unit.SequenceEqual("tokens/s"u8) || unit.SequenceEqual("samples/s"u8) || unit.SequenceEqual("毫秒"u8),
    };

    /// <summary>The word before a running average in parentheses: `(Avg 0.5566)`.</summary>
    public static bool Average(ReadOnlySpan<byte> word)
        => Eq(word, "avg"u8) || Eq(word, "average"u8) || Eq(word, "mean"u8) || Eq(word, "ema"u8) || Eq(word, "smoothed"u8);

    /// <summary>`Average Train Loss`: a label starting with this is an epoch mean when the line names only an epoch.</summary>
    public static bool MeanPrefix(ReadOnlySpan<byte> word) => Eq(word, "avg"u8) || Eq(word, "average"u8) || Eq(word, "mean"u8);

    /// <summary>`Batch Loss` → `loss`: qualifiers dropped from a label when the rest stays unambiguous.</summary>
    public static bool Qualifier(ReadOnlySpan<byte> word) => Eq(word, "batch"u8) || Eq(word, "step"u8) || Eq(word, "iter"u8);

    /// <summary>Last label words of numbers that describe the machine, data or code, never training (`line 189`, `Process rank: 0`, `Total params: 9`).</summary>
    public static bool NeverMetric(ReadOnlySpan<byte> word)
        => Eq(word, "line"u8) || Eq(word, "pid"u8) || Eq(word, "port"u8) || Eq(word, "version"u8) || Eq(word, "seed"u8)
            || Eq(word, "rank"u8) || Eq(word, "local_rank"u8) || Eq(word, "world_size"u8) || Eq(word, "size"u8) || Eq(word, "gpu"u8)
            || Eq(word, "gpus"u8) || Eq(word, "n_gpu"u8) || Eq(word, "device"u8) || Eq(word, "cuda"u8) || Eq(word, "node"u8)
            || Eq(word, "nodes"u8) || Eq(word, "id"u8) || Eq(word, "process"u8) || Eq(word, "worker"u8) || Eq(word, "workers"u8)
            || Eq(word, "num_workers"u8) || Eq(word, "python"u8) || Eq(word, "torch"u8) || Eq(word, "year"u8) || Eq(word, "pip"u8)
            || Eq(word, "dataset"u8) || Eq(word, "params"u8) || Eq(word, "parameters"u8);

    /// <summary>A label ending in a preposition is prose (`Model compiled in 3.91s`, `ran for 1802212 milliseconds`).</summary>
    public static bool FunctionWord(ReadOnlySpan<byte> word)
        => Eq(word, "in"u8) || Eq(word, "for"u8) || Eq(word, "at"u8) || Eq(word, "to"u8) || Eq(word, "of"u8) || Eq(word, "with"u8)
            || Eq(word, "from"u8) || Eq(word, "on"u8) || Eq(word, "by"u8) || Eq(word, "after"u8) || Eq(word, "before"u8)
            || Eq(word, "is"u8) || Eq(word, "was"u8) || Eq(word, "are"u8) || Eq(word, "than"u8) || Eq(word, "and"u8);

    /// <summary>A word that is a file or code location (`train.py`, `ProcessGroupNCCL.cpp`, `a/b/c.txt`) cannot label a metric.</summary>
    public static bool PathLike(ReadOnlySpan<byte> word)
    {
        if (word.Length > 40)
        {
            return true;
        }

        var dot = word.LastIndexOf((byte)'.');
        if (dot > 0 && dot < word.Length - 1 && IsAsciiLetter(word[dot + 1]) && IsAsciiLetter(word[dot - 1]))
        {
            return true; // `file.py`, `module.submodule`
        }

        // Windows paths, `a/b/c.py`, and host names such as `quick-rain-shines-fin-03`.
        return word.IndexOf((byte)'\\') >= 0 || (word.Count((byte)'/') > 1 && word.IndexOf((byte)'.') >= 0) || word.Count((byte)'-') > 2;
    }

    /// <summary>`PARAMETER` in dllogger's `PARAMETER loss_scale`: an all-capitals word before a lower-case name.</summary>
    public static bool Shouting(ReadOnlySpan<byte> word)
        => word.Length > 2 && word.IndexOfAnyInRange((byte)'a', (byte)'z') < 0 && word.IndexOfAnyInRange((byte)'0', (byte)'9') < 0;

    public static bool IsAsciiLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static bool Eq(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Ascii.EqualsIgnoreCase(a, b);
}
