namespace Trainscope.Formats.JsonLines;

/// <summary>What a key of a logged record stands for.</summary>
internal enum KeyRole : byte
{
    Metric,
    Epoch,
    Epochs,
    Step,
    Steps,

    /// <summary>`iter`: a global step, or the iteration inside the epoch when the record also has an epoch but no step.</summary>
    Iter,

    /// <summary>Seconds (or `H:MM:SS`) the job expects to still need.</summary>
    Eta,

    /// <summary>A fact about the run, printed on every record but meaningful once (`n_parameters`).</summary>
    Fact,

    /// <summary>mmcv's `"mode": "train"|"val"` names the record's phase.</summary>
    Mode,

    /// <summary>Derived from the position (`percentage` = step / total steps); not a metric of its own.</summary>
    Ignored,
}

/// <summary>Classifies record keys, on bytes.</summary>
internal static class RecordKeys
{
    public static KeyRole Classify(ReadOnlySpan<byte> key) => key.Length switch
    {
        4 when key.SequenceEqual("iter"u8) => KeyRole.Iter,
        4 when key.SequenceEqual("step"u8) => KeyRole.Step,
        4 when key.SequenceEqual("mode"u8) => KeyRole.Mode,
        3 when key.SequenceEqual("eta"u8) => KeyRole.Eta,
        5 when key.SequenceEqual("epoch"u8) => KeyRole.Epoch,
        6 when key.SequenceEqual("epochs"u8) => KeyRole.Epochs,
        9 when key.SequenceEqual("iteration"u8) => KeyRole.Step,
        9 when key.SequenceEqual("max_steps"u8) => KeyRole.Steps,
        10 when key.SequenceEqual("max_epochs"u8) => KeyRole.Epochs,
        10 when key.SequenceEqual("percentage"u8) => KeyRole.Ignored,
        11 when key.SequenceEqual("global_step"u8) => KeyRole.Step,
        11 when key.SequenceEqual("total_steps"u8) => KeyRole.Steps,
        11 when key.SequenceEqual("eta_seconds"u8) => KeyRole.Eta,
        13 when key.SequenceEqual("current_steps"u8) => KeyRole.Step,
        14 when key.SequenceEqual("remaining_time"u8) => KeyRole.Eta,
        _ when IsFact(key) => KeyRole.Fact,
        _ => KeyRole.Metric,
    };

    /// <summary>Parameter counts (`n_parameters`, `num_params`, `trainable_params`) and mmcv's header `seed`.</summary>
    private static bool IsFact(ReadOnlySpan<byte> key)
        => key.EndsWith("_parameters"u8) || key.EndsWith("_params"u8) || key.SequenceEqual("parameters"u8) || key.SequenceEqual("seed"u8);

    /// <summary>HF's end-of-training summary carries `train_runtime`; its values are final results, not points.</summary>
    public static bool MarksSummary(ReadOnlySpan<byte> key) => key.SequenceEqual("train_runtime"u8);

    /// <summary>True for `H:MM:SS`-style text, as LLaMA-Factory writes `elapsed_time` and `remaining_time`.</summary>
    public static bool LooksLikeDuration(ReadOnlySpan<byte> text) => text.Length is >= 4 and <= 16 && text.IndexOf((byte)':') > 0;
}
