using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// nanoGPT's `iter 100: loss 2.3400, time 30.20ms, mfu 40.10%` and `step 250: train loss 2.1, val loss 2.2`, and
/// modded-nanoGPT's `step:11/6200 train_loss:6.6933 train_time:214ms step_avg:nanms` / `step:0/6200 val_loss:10.9264 …`.
/// </summary>
public sealed class NanoGptFormat : ILineFormat
{
    public string Name => "nanogpt";

    public string Description => "nanoGPT `iter n: loss x, time yms, mfu z%` / `step n: train loss x, val loss y` and modded-nanoGPT `step:n/N train_loss:x` lines.";

    public string Example => "step:11/6200 train_loss:6.6933 train_time:214ms step_avg:nanms";

    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(4000))
        {
            if ((line.StartsWith("step:", StringComparison.Ordinal) && (line.Contains(" train_loss:", StringComparison.Ordinal) || line.Contains(" val_loss:", StringComparison.Ordinal)))
                || (line.StartsWith("iter ", StringComparison.Ordinal) && line.Contains(": loss ", StringComparison.Ordinal))
                || (line.StartsWith("step ", StringComparison.Ordinal) && line.Contains(": train loss ", StringComparison.Ordinal)))
            {
                return 0.9;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new NanoGptParser();
}

/// <summary>
/// Reads nanoGPT lines. `step_avg:nanms` during modded-nanoGPT's warm-up (the timer starts after step 10) is kept as NaN:
/// it is a time, not a loss, so rules about diverging losses do not see it. Times keep the printed unit (ms).
/// </summary>
internal sealed class NanoGptParser : ILineParser
{
    private readonly NameTable _names = new();

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.Length < 6 || text[0] is not ((byte)'s' or (byte)'i'))
        {
            return false;
        }

        if (text.StartsWith("step:"u8))
        {
            return Modded(line, text, sink);
        }

        if (text.StartsWith("iter "u8) || text.StartsWith("step "u8))
        {
            return Classic(line, text, sink);
        }

        return false;
    }

    private bool Modded(in LogLine line, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var i = "step:"u8.Length;
        if (!SpanFields.TryReadLong(text, ref i, out var step))
        {
            return false;
        }

        long? steps = null;
        if (i < text.Length && text[i] == (byte)'/')
        {
            i++;
            steps = SpanFields.TryReadLong(text, ref i, out var total) ? total : null;
        }

        var rest = text[i..];
        var isVal = rest.IndexOf(" val_loss:"u8) >= 0;
        if (!isVal && rest.IndexOf(" train_loss:"u8) < 0)
        {
            return false;
        }

        var sample = FrameworkRecords.Sample(line, default, Phase.Train);
        sample.Position.Step = step;
        sample.Position.Steps = steps;
        foreach (var range in rest.Split((byte)' '))
        {
            var field = rest[range];
            var colon = field.IndexOf((byte)':');
            if (colon <= 0 || !TryValue(field[(colon + 1)..], out var value))
            {
                continue;
            }

            var key = field[..colon];
            if (key.SequenceEqual("val_loss"u8) || key.SequenceEqual("train_loss"u8))
            {
                sample.Phase = key[0] == (byte)'v' ? Phase.Eval : Phase.Train;
                sample.Name = "loss";
            }
            else if (isVal)
            {
                continue; // the timer on a validation line repeats the training line's
            }
            else
            {
                sample.Phase = Phase.Train;
                sample.Name = _names.Get(key);
            }

            sample.Value = value;
            sink.OnMetric(sample);
        }

        return true;
    }

    private bool Classic(in LogLine line, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var i = "iter "u8.Length;
        if (!SpanFields.TryReadLong(text, ref i, out var step) || i >= text.Length || text[i] != (byte)':')
        {
            return false;
        }

        var rest = text[(i + 1)..];
        var sample = FrameworkRecords.Sample(line, default, Phase.Train);
        sample.Position.Step = step;
        var emitted = 0;
        foreach (var range in rest.Split((byte)','))
        {
            // `loss 2.3400`, `time 30.20ms`, `mfu 40.10%`, `train loss 2.1`, `val loss 2.2`
            var field = SpanFields.TrimSpaces(rest[range]);
            var space = field.LastIndexOf((byte)' ');
            if (space <= 0 || !TryValue(field[(space + 1)..], out var value))
            {
                continue;
            }

            var label = SpanFields.TrimSpaces(field[..space]);
            if (label.SequenceEqual("mfu"u8) && value < 0)
            {
                continue; // nanoGPT prints -100% until it has timed enough iterations: no measurement yet
            }

            var name = MetricNaming.SplitPhase(label, Phase.Train, out sample.Phase);
            sample.Name = name.SequenceEqual("time"u8) ? "iter_time_ms" : _names.Get(name);
            sample.Value = value;
            sink.OnMetric(sample);
            emitted++;
        }

        return emitted > 0;
    }

    /// <summary>A number with an optional `ms` or `%` unit; `nanms` is NaN.</summary>
    private static bool TryValue(ReadOnlySpan<byte> token, out double value)
    {
        if (token.EndsWith("ms"u8))
        {
            token = token[..^2];
        }
        else if (token.EndsWith("%"u8))
        {
            token = token[..^1];
        }

        return Utf8Number.TryParse(token, out value);
    }
}
