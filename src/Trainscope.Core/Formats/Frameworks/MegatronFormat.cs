using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// Megatron-LM's `|`-separated lines: ` iteration  100/ 1000000 | consumed samples: 3200 | … | lm loss: 1.005022E+01 |
/// loss scale: 32768.0 | grad norm: 217.199 | number of skipped iterations: 0 | number of nan iterations: 0 |`, the
/// `time (ms) | forward-compute: …` breakdown and ` validation loss at iteration N | lm loss value: … |`.
/// </summary>
public sealed class MegatronFormat : ILineFormat
{
    public string Name => "megatron";

    public string Description => "Megatron-LM iteration lines (`iteration n/N | lm loss: … | grad norm: …`), timer breakdowns and validation losses.";

    public string Example => " iteration      100/ 1000000 | consumed samples: 3200 | learning rate: 1.000E-04 | lm loss: 1.005022E+01 | loss scale: 32768.0 |";

    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(4000))
        {
            var trimmed = line.AsSpan().TrimStart();
            if (trimmed.StartsWith("iteration ", StringComparison.Ordinal) && trimmed.Contains(" | ", StringComparison.Ordinal)
                && (trimmed.Contains("consumed samples", StringComparison.Ordinal) || trimmed.Contains("learning rate", StringComparison.Ordinal)))
            {
                return 0.95;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new MegatronParser();
}

/// <summary>
/// Reads Megatron lines. Megatron leaves `lm loss` out of an iteration line when every step of the interval was
/// skipped (fp16 overflow) or produced NaN, so the skipped/nan counters are kept as metrics and a line without any loss
/// gets a `no-loss-reported` marker: a rule can tell "no loss printed" from "loss fine".
/// </summary>
internal sealed class MegatronParser : ILineParser
{
    private readonly NameTable _names = new();
    private long? _lastIteration;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        var i = SpanFields.SkipSpaces(text, 0);
        if (i >= text.Length || text[i] is not ((byte)'i' or (byte)'t' or (byte)'v' or (byte)'['))
        {
            return false;
        }

        var prefix = text[i] == (byte)'[' ? LinePrefix.Parse(text) : new LinePrefix { BodyStart = i };
        var body = SpanFields.TrimSpaces(text[prefix.BodyStart..]);
        if (body.StartsWith("iteration "u8))
        {
            return Iteration(line, prefix, body, sink);
        }

        if (body.StartsWith("time (ms) |"u8))
        {
            Fields(line, prefix, body["time (ms) |"u8.Length..], Phase.Train, new Position { Step = _lastIteration }, "_ms"u8, sink);
            return true;
        }

        if (body.StartsWith("validation loss at "u8))
        {
            // `at iteration 400 | …`, or `at the end of training for val data | …` (then the last iteration's step)
            var at = "validation loss at iteration "u8.Length;
            long? step = body.StartsWith("validation loss at iteration "u8) && SpanFields.TryReadLong(body, ref at, out var n) ? n : _lastIteration;
            var bar = body.IndexOf((byte)'|');
            if (bar < 0)
            {
                return false;
            }

            var phase = body[..bar].IndexOf("test data"u8) >= 0 ? Phase.Test : Phase.Eval;
            Fields(line, prefix, body[(bar + 1)..], phase, new Position { Step = step }, default, sink);
            return true;
        }

        return false;
    }

    private bool Iteration(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var i = "iteration "u8.Length;
        if (!SpanFields.TryReadFraction(body, ref i, out var step, out var steps))
        {
            return false;
        }

        _lastIteration = step;
        var position = new Position { Step = step, Steps = steps };
        var bar = body[i..].IndexOf((byte)'|');
        var losses = Fields(line, prefix, bar < 0 ? default : body[(i + bar + 1)..], Phase.Train, position, default, sink);
        if (losses == 0)
        {
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Marker, "no-loss-reported", null, position, Phase.Train));
        }

        return true;
    }

    /// <summary>Emits each `name: value` field; returns how many were losses (`lm loss`, not `loss scale`).</summary>
    private int Fields(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> fields, Phase phase, Position position,
        ReadOnlySpan<byte> suffix, IRecordSink sink)
    {
        var losses = 0;
        var sample = FrameworkRecords.Sample(line, prefix, phase);
        sample.Position = position;
        Span<byte> name = stackalloc byte[128];
        foreach (var range in fields.Split((byte)'|'))
        {
            var field = SpanFields.TrimSpaces(fields[range]);
            var colon = field.LastIndexOf((byte)':');
            if (colon <= 0 || !SpanFields.TryReadNumber(field, SpanFields.SkipSpaces(field, colon + 1), out var value, out _))
            {
                continue;
            }

            var label = SpanFields.TrimSpaces(field[..colon]);
            if (phase != Phase.Train && label.EndsWith(" value"u8))
            {
                label = label[..^" value"u8.Length]; // `lm loss value` is the loss
            }

            if (label.IsEmpty || label.Length + suffix.Length > name.Length)
            {
                continue;
            }

            label.CopyTo(name);
            suffix.CopyTo(name[label.Length..]);
            sample.Name = _names.Get(name[..(label.Length + suffix.Length)]);
            sample.Value = value;
            sink.OnMetric(sample);
            if (label.EndsWith("loss"u8))
            {
                losses++;
            }
        }

        return losses;
    }
}
