using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// PyTorch Lightning's own lines besides its progress bars: `Epoch 3, global step 400: 'val_loss' reached 0.123 (best
/// 0.123), saving model to '….ckpt' as top 1` (a checkpoint and an eval value) and `` `Trainer.fit` stopped:
/// `max_epochs=10` reached.`` (completion). The bars themselves (`Epoch 0: 6%|██ | 32040/500150 [… loss=2.6]`,
/// `Validation DataLoader 0: …`) are tqdm bars and are read by the tqdm format, which already knows Lightning's epoch
/// description and validation bars; this format is tried before it and leaves bar lines alone.
/// </summary>
public sealed class LightningFormat : ILineFormat
{
    public string Name => "lightning";

    public string Description => "PyTorch Lightning checkpoint lines (`Epoch e, global step s: 'val_loss' reached x …`) and `Trainer.fit` stopped; its bars are read as tqdm.";

    public string Example => "Epoch 3, global step 400: 'val_loss' reached 0.12300 (best 0.12300), saving model to '/ckpt/epoch=3-step=400.ckpt' as top 1";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(4000))
        {
            if (line.Contains(", global step ", StringComparison.Ordinal) || line.Contains("`Trainer.fit` stopped", StringComparison.Ordinal))
            {
                return 0.9;
            }

            if (line.Contains("v_num=", StringComparison.Ordinal) || line.Contains("Validation DataLoader", StringComparison.Ordinal))
            {
                score = 0.5; // a Lightning bar: its checkpoint lines may come later than the sample
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new LightningParser();
}

/// <summary>Reads Lightning's checkpoint and stop lines.</summary>
internal sealed class LightningParser : ILineParser
{
    private readonly NameTable _names = new();

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        // Lightning prints these bare, after `INFO: ` (Lightning 2) or after a launcher's `[rank0]:`; nothing else is parsed.
        if (text.IsEmpty || text[0] is not ((byte)'E' or (byte)'`' or (byte)'[' or (byte)'I'))
        {
            return false;
        }

        var prefix = text[0] == (byte)'[' ? LinePrefix.Parse(text) : default;
        var body = SpanFields.TrimSpaces(text[prefix.BodyStart..]);
        if (body.StartsWith("INFO: "u8))
        {
            body = body["INFO: "u8.Length..]; // Lightning 2's console handler
        }

        if (body.StartsWith("`Trainer.fit` stopped"u8))
        {
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Completed, "training-completed"));
            return true;
        }

        return body.StartsWith("Epoch "u8) && Checkpoint(line, prefix, body, sink);
    }

    private bool Checkpoint(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        // `Epoch 3, global step 400: 'val_loss' reached 0.12300 (best 0.12300), saving model to '…' as top 1`
        var i = "Epoch "u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var epoch) || epoch > int.MaxValue || !body[i..].StartsWith(", global step "u8))
        {
            return false;
        }

        i += ", global step "u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var step) || !body[i..].StartsWith(": "u8))
        {
            return false;
        }

        var position = new Position { Epoch = (int)epoch, Step = step };
        var rest = body[(i + 2)..];
        var reached = rest.IndexOf("' reached "u8);
        if (rest.IsEmpty || rest[0] != (byte)'\'' || reached < 1)
        {
            return true; // `'val_loss' was not in top 1`: Lightning's line, nothing to record
        }

        var monitor = rest[1..reached];
        double? reachedValue = null;
        if (SpanFields.TryReadNumber(rest, reached + "' reached "u8.Length, out var value, out _))
        {
            reachedValue = value;
            var sample = FrameworkRecords.Sample(line, prefix, Phase.Eval);
            sample.Position = position;
            sample.Name = _names.Get(MetricNaming.SplitPhase(monitor, Phase.Eval, out sample.Phase));
            sample.Value = value;
            sink.OnMetric(sample);
        }

        var path = Quoted(rest, "saving model to '"u8);
        var attributes = new Dictionary<string, string> { ["monitor"] = System.Text.Encoding.UTF8.GetString(monitor) };
        if (!path.IsEmpty)
        {
            attributes["path"] = System.Text.Encoding.UTF8.GetString(path);
        }

        sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Checkpoint, "checkpoint", reachedValue, position, Phase.Eval, attributes));
        return true;
    }

    private static ReadOnlySpan<byte> Quoted(ReadOnlySpan<byte> text, ReadOnlySpan<byte> opener)
    {
        var at = text.IndexOf(opener);
        if (at < 0)
        {
            return default;
        }

        var rest = text[(at + opener.Length)..];
        var end = rest.IndexOf((byte)'\'');
        return end < 0 ? rest : rest[..end];
    }
}
