using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.RankDebug;

/// <summary>Parses rank debug lines; remembers the epoch of the last EPOCH marker for the step lines that follow.</summary>
internal sealed class RankDebugParser : ILineParser
{
    private readonly NameTable _names = new();
    private int? _epoch;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        var prefix = line.Prefix;
        var context = new RankLineContext(line, prefix);
        var bodyStart = prefix.BodyStart;
        var tagAt = text.IndexOf("[Rank "u8);
        if (tagAt >= 0 && tagAt <= bodyStart && RankTag.TryRead(text, tagAt, out var tag))
        {
            context.Tag = tag;
            bodyStart = Math.Max(bodyStart, tag.End);
        }

        var body = SpanFields.TrimSpaces(text[bodyStart..]);
        if (body.IsEmpty)
        {
            return false;
        }

        return body[0] switch
        {
            (byte)'=' => TryEpochMarker(body, context, sink),
            (byte)'T' when body.StartsWith("Training step "u8) => TryStep(body, "Training step "u8.Length, Phase.Train, context, sink),
            (byte)'V' when body.StartsWith("Validation step "u8) => TryStep(body, "Validation step "u8.Length, Phase.Eval, context, sink),
            (byte)'P' when body.StartsWith("Processed "u8) => TryProcessedBatches(body, context, sink),
            (byte)'P' when body.StartsWith("Processing "u8) => TryWorkerProgress(body, context, sink),
            (byte)'C' when body.StartsWith("COMPLETED iteration"u8) => TryCompleted(body, context, sink),
            _ => TryShardError(body, context, sink),
        };
    }

    private bool TryEpochMarker(ReadOnlySpan<byte> body, in RankLineContext context, IRecordSink sink)
    {
        var inner = SpanFields.TrimSpaces(body.Trim((byte)'='));
        if (!inner.StartsWith("EPOCH "u8))
        {
            return false;
        }

        var i = "EPOCH "u8.Length;
        if (!SpanFields.TryReadLong(inner, ref i, out var epoch) || epoch > int.MaxValue)
        {
            return false;
        }

        var words = SpanFields.TrimSpaces(inner[i..]);
        string? name = words switch
        {
            _ when words.SequenceEqual("TRAINING START"u8) => "training-start",
            _ when words.SequenceEqual("TRAINING END"u8) => "training-end",
            _ when words.SequenceEqual("VALIDATION START"u8) => "validation-start",
            _ when words.SequenceEqual("VALIDATION END"u8) => "validation-end",
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        _epoch = (int)epoch;
        var phase = name[0] == 't' ? Phase.Train : Phase.Eval;
        sink.OnEvent(context.Event(EventKind.Marker, name, null, new Position { Epoch = _epoch }, phase));
        return true;
    }

    private bool TryStep(ReadOnlySpan<byte> body, int i, Phase phase, in RankLineContext context, IRecordSink sink)
    {
        if (!SpanFields.TryReadLong(body, ref i, out var step))
        {
            return false;
        }

        var sample = context.Sample(phase);
        sample.Position.Epoch = _epoch;
        sample.Position.Step = step;
        foreach (var range in body[i..].Split((byte)','))
        {
            var pair = SpanFields.TrimSpaces(body[i..][range]);
            var eq = pair.IndexOf((byte)'=');
            if (eq <= 0 || !SpanFields.TryReadNumber(pair, eq + 1, out var value, out _))
            {
                continue;
            }

            sample.Name = _names.Get(MetricNaming.SplitPhase(SpanFields.TrimSpaces(pair[..eq]), phase, out sample.Phase));
            sample.Value = value;
            sink.OnMetric(sample);
        }

        return true;
    }

    private bool TryProcessedBatches(ReadOnlySpan<byte> body, in RankLineContext context, IRecordSink sink)
    {
        var i = "Processed "u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var count))
        {
            return false;
        }

        var rest = SpanFields.TrimSpaces(body[i..]);
        Phase? phase = rest.StartsWith("training"u8) ? Phase.Train : rest.StartsWith("validation"u8) ? Phase.Eval : null;
        if (rest.IndexOf("batches"u8) < 0)
        {
            return false;
        }

        sink.OnEvent(context.Event(EventKind.Marker, "processed-batches", count, new Position { Epoch = _epoch }, phase));
        return true;
    }

    private static bool TryWorkerProgress(ReadOnlySpan<byte> body, in RankLineContext context, IRecordSink sink)
    {
        var i = "Processing "u8.Length;
        if (!SpanFields.TryReadFraction(body, ref i, out var done, out var total))
        {
            return false;
        }

        var rest = SpanFields.TrimSpaces(body[i..]);
        if (!rest.StartsWith("files"u8))
        {
            return false;
        }

        var attributes = context.TagAttributes();
        attributes["files_done"] = done.ToString(System.Globalization.CultureInfo.InvariantCulture);
        attributes["files_total"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var from = rest.IndexOf("from "u8);
        if (from >= 0)
        {
            attributes["shard_set"] = System.Text.Encoding.UTF8.GetString(SpanFields.Token(rest, from + "from "u8.Length));
        }

        sink.OnEvent(context.Event(EventKind.Marker, "worker-progress", done, default, null, attributes));
        return true;
    }

    private static bool TryCompleted(ReadOnlySpan<byte> body, in RankLineContext context, IRecordSink sink)
    {
        double? samples = null;
        var at = body.IndexOf("samples:"u8);
        if (at >= 0 && SpanFields.TryReadNumber(body, SpanFields.SkipSpaces(body, at + "samples:"u8.Length), out var value, out _))
        {
            samples = value;
        }

        sink.OnEvent(context.Event(EventKind.Marker, "completed-iteration", samples, default, null, context.TagAttributes()));
        return true;
    }

    private static bool TryShardError(ReadOnlySpan<byte> body, in RankLineContext context, IRecordSink sink)
    {
        var isError = context.Prefix.Level is LogLevel.Error or LogLevel.Critical || body.StartsWith("ERROR"u8);
        var shardAt = body.IndexOf("shard"u8);
        if (!isError || shardAt < 0)
        {
            return false;
        }

        var attributes = context.TagAttributes();
        var pathStart = SpanFields.SkipSpaces(body, body[shardAt..].IndexOf((byte)' ') is var space and >= 0 ? shardAt + space : body.Length);
        var path = SpanFields.Token(body, pathStart).TrimEnd((byte)':');
        if (!path.IsEmpty)
        {
            attributes["shard"] = System.Text.Encoding.UTF8.GetString(path);
        }

        sink.OnEvent(context.Event(EventKind.Error, "shard-error", null, default, null, attributes));
        return true;
    }
}
