using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// mmengine (OpenMMLab 2.x) text logs: `2023/08/23 15:52:45 - mmengine - INFO - Epoch(train)  [1][ 50/1000]  lr: 1e-3
/// eta: 1 day, 2:03:04  time: 0.5  memory: 1007  loss: 153.4`, `Epoch(val) [1][500/500]  coco/bbox_mAP: 0.035`,
/// iteration-based `Iter(train) [  50/90000]`, and `Saving checkpoint at 1 epochs`.
/// </summary>
public sealed class MmengineFormat : ILineFormat
{
    public string Name => "mmengine";

    public string Description => "mmengine text logs: `Epoch(train) [e][i/n]` / `Iter(train) [i/n]` / `Epoch(val)` lines with `name: value` fields.";

    public string Example => "2023/08/23 15:52:45 - mmengine - INFO - Epoch(train)  [1][ 50/1000]  lr: 1e-3  eta: 1 day, 2:03:04  time: 0.5  loss: 153.4";

    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(4000))
        {
            if (line.Contains(" - Epoch(", StringComparison.Ordinal) || line.Contains(" - Iter(", StringComparison.Ordinal))
            {
                return 0.95;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new MmengineParser();
}

/// <summary>Reads mmengine lines; validation values are placed at the last training step.</summary>
internal sealed class MmengineParser : ILineParser
{
    private readonly NameTable _names = new();
    private readonly EtaEvents _eta = new();
    private long? _lastTrainStep;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        // `YYYY/MM/DD HH:MM:SS - name - LEVEL - message`: checked by position before anything else.
        var text = line.Text;
        if (text.Length < 30 || text[4] != (byte)'/' || text[7] != (byte)'/' || text[19] != (byte)' ' || text[20] != (byte)'-')
        {
            return false;
        }

        var prefix = line.Prefix;
        var body = text[prefix.BodyStart..];
        for (var guard = 0; guard < 2 && !IsMessage(body); guard++)
        {
            // The logger name and level stay in the body when LinePrefix does not know the name.
            var dash = body.IndexOf(" - "u8);
            if (dash < 0 || dash > 40)
            {
                return false;
            }

            body = body[(dash + 3)..];
        }

        body = SpanFields.TrimSpaces(body);
        if (body.StartsWith("Saving checkpoint at "u8))
        {
            SpanFields.TryReadNumber(body, "Saving checkpoint at "u8.Length, out var at, out _);
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Checkpoint, "checkpoint", at, new Position { Step = _lastTrainStep }));
            return true;
        }

        return IsMessage(body) && Metrics(line, prefix, body, sink);
    }

    public void Complete(IRecordSink sink) => _eta.Complete(sink);

    private static bool IsMessage(ReadOnlySpan<byte> body)
        => body.StartsWith("Epoch("u8) || body.StartsWith("Iter("u8) || body.StartsWith("Saving checkpoint"u8);

    private bool Metrics(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var byEpoch = body[0] == (byte)'E';
        var open = body.IndexOf((byte)'(');
        var close = body.IndexOf((byte)')');
        if (close <= open + 1 || PhaseOf(body[(open + 1)..close]) is not { } phase)
        {
            return false;
        }

        var i = SpanFields.SkipSpaces(body, close + 1);
        var position = default(Position);
        if (byEpoch)
        {
            if (!Opens(body, ref i) || !SpanFields.TryReadLong(body, ref i, out var epoch) || epoch > int.MaxValue || !Closes(body, i))
            {
                return false;
            }

            position.Epoch = (int)epoch;
            i++;
        }

        if (!Opens(body, ref i) || !SpanFields.TryReadFraction(body, ref i, out var done, out var total) || !Closes(body, i))
        {
            return false;
        }

        if (phase != Phase.Train)
        {
            position.Step = _lastTrainStep;
        }
        else if (byEpoch)
        {
            // mmengine counts epochs from 1, so the steps before this epoch are (epoch - 1) × total.
            position.Iteration = done;
            position.IterationsPerEpoch = total;
            position.Step = (position.Epoch - 1) * total + done;
        }
        else
        {
            position.Step = done;
            position.Steps = total;
        }

        _lastTrainStep = phase == Phase.Train ? position.Step : _lastTrainStep;
        Emit(line, prefix, body[(i + 1)..], phase, position, sink);
        return true;
    }

    private void Emit(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> fields, Phase phase, Position position, IRecordSink sink)
    {
        var sample = FrameworkRecords.Sample(line, prefix, phase);
        sample.Position = position;
        var pairs = new ColonPairs(fields);
        while (pairs.MoveNext())
        {
            if (pairs.Name.SequenceEqual("eta"u8))
            {
                if (phase == Phase.Train && EtaEvents.TryParse(pairs.Value, out var seconds))
                {
                    _eta.See(line.Source, prefix.Rank ?? line.Source.Rank, line.Number, line.Offset, prefix.Timestamp, seconds, position, sink);
                }

                continue;
            }

            if (!SpanFields.TryReadNumber(pairs.Value, 0, out var value, out _))
            {
                continue;
            }

            sample.Name = _names.Get(pairs.Name);
            sample.Value = value;
            sink.OnMetric(sample);
        }
    }

    private static Phase? PhaseOf(ReadOnlySpan<byte> word)
        => word.SequenceEqual("train"u8) ? Phase.Train : word.SequenceEqual("val"u8) ? Phase.Eval : word.SequenceEqual("test"u8) ? Phase.Test : null;

    /// <summary>Steps past a `[` at <paramref name="i"/>.</summary>
    private static bool Opens(ReadOnlySpan<byte> body, ref int i)
    {
        if (i >= body.Length || body[i] != (byte)'[')
        {
            return false;
        }

        i++;
        return true;
    }

    private static bool Closes(ReadOnlySpan<byte> body, int i) => i < body.Length && body[i] == (byte)']';
}
