using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>How a metric key splits into phase and name, and what the name tells about the record it is in.</summary>
internal readonly record struct MetricKey(int RestStart, Phase Phase, bool Prefixed, bool EvaluatorKey, bool Loss)
{
    public static MetricKey Of(ReadOnlySpan<byte> key)
    {
        // `predict_` is what HF's example scripts pass as the prefix of `Trainer.predict` results: the test phase.
        var phase = Phase.Test;
        var rest = key.StartsWith("predict_"u8) && key.Length > 8 ? key[8..] : MetricNaming.SplitPhase(key, Phase.Train, out phase);
        var start = key.Length - rest.Length;

        // `coco/bbox_mAP`, `segm/AP`: an evaluator's results.
        return new MetricKey(start, phase, start != 0, rest.IndexOf((byte)'/') > 0, rest.IndexOf("loss"u8) >= 0);
    }
}
