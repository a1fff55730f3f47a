using System.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>Which kind of indented block the last `*****` header (or `Eval at step N:`) opened.</summary>
internal enum HfBlockKind : byte
{
    None,

    /// <summary>`***** Running training *****`: `Num examples = 2000` lines are run facts.</summary>
    RunInfo,

    /// <summary>`***** Final eval results *****`, `***** train metrics *****`: `eval_loss = 1.98` lines are final values.</summary>
    Results,

    /// <summary>`***** Training summary *****`: `Final train loss: 1.38` and `Total steps: 2000`.</summary>
    Summary,

    /// <summary>`Eval at step 200:` followed by `- Eval Loss: 2.1`.</summary>
    EvalAt,
}

/// <summary>Reads a `***** … *****` header into a marker name and the block it opens.</summary>
internal static class HfBlock
{
    public static (string Name, HfBlockKind Kind, Phase? Phase) Classify(ReadOnlySpan<byte> title)
    {
        var name = Kebab(title);
        if (name.StartsWith("running-", StringComparison.Ordinal))
        {
            var what = name["running-".Length..];
            Phase? phase = what.Contains("eval", StringComparison.Ordinal) ? Phase.Eval
                : what.Contains("predict", StringComparison.Ordinal) || what.Contains("test", StringComparison.Ordinal) ? Phase.Test
                : Phase.Train;
            return (what + "-start", HfBlockKind.RunInfo, phase);
        }

        if (name.EndsWith("results", StringComparison.Ordinal) || name.EndsWith("metrics", StringComparison.Ordinal))
        {
            Phase phase = name.Contains("train", StringComparison.Ordinal) ? Phase.Train
                : name.Contains("test", StringComparison.Ordinal) || name.Contains("predict", StringComparison.Ordinal) ? Phase.Test
                : Phase.Eval;
            return (name, HfBlockKind.Results, phase);
        }

        if (name == "training-summary")
        {
            return (name, HfBlockKind.Summary, null);
        }

        return (name, HfBlockKind.None, null);
    }

    /// <summary>`Total train batch size (w. parallel …)` → `total-train-batch-size` (or `_` as the joiner).</summary>
    public static string Kebab(ReadOnlySpan<byte> text, char joiner = '-')
    {
        var builder = new StringBuilder(text.Length);
        var pendingJoin = false;
        foreach (var b in text)
        {
            if (b == (byte)'(')
            {
                break; // parenthetical remarks are not part of the name
            }

            if (b == (byte)'%')
            {
                builder.Append(builder.Length > 0 ? joiner + "percent" : "percent");
                pendingJoin = false;
                continue;
            }

            if ((uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9)
            {
                if (pendingJoin && builder.Length > 0)
                {
                    builder.Append(joiner);
                }

                builder.Append((char)(b | ((uint)(b - 'A') <= 'Z' - 'A' ? 0x20 : 0)));
                pendingJoin = false;
            }
            else
            {
                pendingJoin = true;
            }
        }

        return builder.ToString();
    }
}
