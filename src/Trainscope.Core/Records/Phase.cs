namespace Trainscope.Records;

/// <summary>Which part of training a value belongs to.</summary>
public enum Phase : byte
{
    Train,
    Eval,
    Test,
}

/// <summary>Lower-case names used in JSON and on screen.</summary>
public static class PhaseNames
{
    public static string ToName(this Phase phase) => phase switch
    {
        Phase.Train => "train",
        Phase.Eval => "eval",
        Phase.Test => "test",
        _ => "train",
    };

    /// <summary>Recognises a phase word at the start of a metric name (`train_`, `val/`, `eval_`, `test-`, …).</summary>
    public static bool TryFromWord(ReadOnlySpan<char> word, out Phase phase)
    {
        phase = Phase.Train;
        if (word.Equals("train", StringComparison.OrdinalIgnoreCase) || word.Equals("training", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (word.Equals("val", StringComparison.OrdinalIgnoreCase) || word.Equals("valid", StringComparison.OrdinalIgnoreCase)
            || word.Equals("validation", StringComparison.OrdinalIgnoreCase) || word.Equals("eval", StringComparison.OrdinalIgnoreCase)
            || word.Equals("evaluation", StringComparison.OrdinalIgnoreCase) || word.Equals("dev", StringComparison.OrdinalIgnoreCase))
        {
            phase = Phase.Eval;
            return true;
        }

        if (word.Equals("test", StringComparison.OrdinalIgnoreCase))
        {
            phase = Phase.Test;
            return true;
        }

        return false;
    }
}
