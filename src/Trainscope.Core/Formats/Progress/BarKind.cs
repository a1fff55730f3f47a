using System.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Progress;

/// <summary>What a bar's description says it counts: training, evaluation, testing, or something else (loading, tokenising).</summary>
internal static class BarKind
{
    private static readonly byte[][] EvalWords = [.. new[] { "eval", "valid", "Eval", "Valid", "VALID", "EVAL" }.Select(Encoding.ASCII.GetBytes)];

    private static readonly byte[][] TestWords = [.. new[] { "test", "Test", "TEST", "Predict", "predict" }.Select(Encoding.ASCII.GetBytes)];

    private static readonly byte[][] OtherWords =
    [
        .. new[]
        {
            "Loading", "loading", "Map", "map", "Download", "download", "Tokeniz", "tokeniz", "Filter", "filter", "Generating",
            "Processing", "Extracting", "Resolving", "Fetching", "Upload", "Saving", "Converting", "shards", "Fetch", "Packing",
            "Computing checksums", "Sanity Checking", "Running tokenizer", "Preprocess",
        }.Select(Encoding.ASCII.GetBytes),
    ];

    /// <summary>Null for bars that are not training progress.</summary>
    public static Phase? Classify(ReadOnlySpan<byte> description)
    {
        if (description.IsEmpty)
        {
            return Phase.Train;
        }

        if (ContainsAny(description, EvalWords))
        {
            return Phase.Eval;
        }

        if (ContainsAny(description, TestWords))
        {
            return Phase.Test;
        }

        return ContainsAny(description, OtherWords) ? null : Phase.Train;
    }

    /// <summary>Lightning's `Epoch 3` (also `Epoch 3/10`) description.</summary>
    public static int? Epoch(ReadOnlySpan<byte> description)
    {
        var at = description.IndexOf("Epoch "u8);
        if (at < 0)
        {
            return null;
        }

        var i = at + "Epoch "u8.Length;
        return Text.SpanFields.TryReadLong(description, ref i, out var epoch) && epoch <= int.MaxValue ? (int)epoch : null;
    }

    private static bool ContainsAny(ReadOnlySpan<byte> text, byte[][] words)
    {
        foreach (var word in words)
        {
            if (text.IndexOf(word) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
