using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// detectron2's `log.txt`: `[07/18 06:32:40] d2.utils.events INFO:  eta: 0:10:00  iter: 19  total_loss: 0.1769 …
/// lr: 1e-05  max_mem: 14951M` metric lines, the train loop's start and end lines, and the `copypaste:` evaluation
/// results (task, header, values).
/// </summary>
public sealed class Detectron2Format : ILineFormat
{
    public string Name => "detectron2";

    public string Description => "detectron2 log.txt: `d2.utils.events` metric lines (iter, losses, lr, max_mem), start/end of training and copypaste eval results.";

    public string Example => "[07/18 06:32:40] d2.utils.events INFO:  eta: 0:10:00  iter: 19  total_loss: 0.1769  lr: 1e-05  max_mem: 14951M";

    public double Sniff(FileSample sample)
    {
        var score = 0.0;
        foreach (var line in sample.Lines.Take(4000))
        {
            if (!line.StartsWith('['))
            {
                continue;
            }

            if (line.Contains("d2.utils.events", StringComparison.Ordinal) || line.Contains("d2.engine.", StringComparison.Ordinal))
            {
                return 0.95;
            }

            if (line.Contains("] detectron2", StringComparison.Ordinal) || line.Contains("] d2.", StringComparison.Ordinal))
            {
                score = 0.8; // start-up lines only (the config dump can fill the sample)
            }
        }

        return score;
    }

    public ILineParser CreateParser() => new Detectron2Parser();
}

/// <summary>Reads detectron2 lines; remembers the last iteration (for evaluation results) and the copypaste header.</summary>
internal sealed class Detectron2Parser : ILineParser
{
    private const int MaxColumns = 32;
    private readonly NameTable _names = new();
    private readonly EtaEvents _eta = new();
    private readonly byte[][] _columns = new byte[MaxColumns][];
    private int _columnCount;
    private byte[] _task = [];
    private long? _lastIteration;
    private int? _processRank;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.IsEmpty || text[0] != (byte)'[')
        {
            return false;
        }

        var prefix = line.Prefix;
        var head = text[..prefix.BodyStart];
        if (head.IndexOf("d2"u8) < 0 && head.IndexOf("detectron2"u8) < 0)
        {
            return false;
        }

        var body = SpanFields.TrimSpaces(text[prefix.BodyStart..]);
        if (body.StartsWith("Rank of current process: "u8))
        {
            return Launch(line, prefix, body, sink);
        }

        // Rank 0 writes `log.txt` without a rank in its name; the launch line said which rank it is.
        if (prefix.Rank is null && line.Source.Rank is null)
        {
            prefix.Rank = _processRank;
        }

        if (body.StartsWith("eta: "u8) || body.StartsWith("iter: "u8))
        {
            return Metrics(line, prefix, body, sink);
        }

        if (body.StartsWith("copypaste: "u8))
        {
            Copypaste(line, prefix, SpanFields.TrimSpaces(body["copypaste: "u8.Length..]), sink);
            return true;
        }

        return Lifecycle(line, prefix, body, sink);
    }

    public void Complete(IRecordSink sink) => _eta.Complete(sink);

    private bool Metrics(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var position = default(Position);
        double? eta = null;
        var pairs = new ColonPairs(body);
        while (pairs.MoveNext())
        {
            var name = pairs.Name;
            var value = pairs.Value;
            if (name.SequenceEqual("iter"u8) && SpanFields.TryReadNumber(value, 0, out var iter, out _) && iter is >= 0 and < 1e15)
            {
                position.Step = (long)iter;
            }
            else if (name.SequenceEqual("eta"u8) && EtaEvents.TryParse(value, out var seconds))
            {
                eta = seconds;
            }
        }

        _lastIteration = position.Step ?? _lastIteration;
        var sample = FrameworkRecords.Sample(line, prefix, Phase.Train);
        sample.Position = position;
        pairs = new ColonPairs(body);
        while (pairs.MoveNext())
        {
            var name = pairs.Name;
            var value = pairs.Value;

            // `lr: N/A` before the first step is not a value; `max_mem: 1213M` is in MB.
            if (name.SequenceEqual("iter"u8) || name.SequenceEqual("eta"u8) || !SpanFields.TryReadNumber(value, 0, out var number, out _))
            {
                continue;
            }

            sample.Name = _names.Get(name);
            sample.Value = number;
            sink.OnMetric(sample);
        }

        if (eta is double remaining)
        {
            _eta.See(line.Source, prefix.Rank ?? line.Source.Rank, line.Number, line.Offset, prefix.Timestamp, remaining, position, sink);
        }

        return true;
    }

    private bool Launch(in LogLine line, LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        // `Rank of current process: 0. World size: 4`, the first line of every launch.
        var i = "Rank of current process: "u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var rank) || rank > 1_000_000)
        {
            return false;
        }

        _processRank = (int)rank;
        _lastIteration = null;
        prefix.Rank ??= line.Source.Rank ?? _processRank;
        double? worldSize = SpanFields.TryNumberAfter(body, "World size:"u8, out var size) ? size : null;
        sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.RunInfo, "world_size", worldSize));
        return true;
    }

    private bool Lifecycle(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var position = new Position { Step = _lastIteration };
        if (body.StartsWith("Starting training from iteration "u8))
        {
            SpanFields.TryReadNumber(body, "Starting training from iteration "u8.Length, out var start, out _);
            _lastIteration = null;
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Marker, "training-start", start, position, Phase.Train));
            return true;
        }

        if (body.StartsWith("Overall training speed: "u8))
        {
            // `29 iterations in 0:00:17 (0.5878 s / it)`
            var open = body.LastIndexOf((byte)'(');
            if (open > 0 && SpanFields.TryReadNumber(body, open + 1, out var perIteration, out _))
            {
                sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.RunInfo, "seconds_per_iteration", perIteration, position));
            }

            return true;
        }

        if (body.StartsWith("Total training time: "u8))
        {
            var start = "Total training time: "u8.Length;
            double? seconds = EtaEvents.TryParse(SpanFields.Token(body, start), out var s) ? s : null;
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Completed, "training-completed", seconds, position));
            return true;
        }

        return false;
    }

    private void Copypaste(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> rest, IRecordSink sink)
    {
        if (rest.StartsWith("Task: "u8))
        {
            _task = SpanFields.TrimSpaces(rest["Task: "u8.Length..]).ToArray();
            _columnCount = 0;
            return;
        }

        var first = rest.IndexOf((byte)',');
        if (!Utf8Number.TryParse(SpanFields.TrimSpaces(first < 0 ? rest : rest[..first]), out _))
        {
            _columnCount = 0;
            foreach (var range in rest.Split((byte)','))
            {
                if (_columnCount < MaxColumns)
                {
                    _columns[_columnCount++] = SpanFields.TrimSpaces(rest[range]).ToArray();
                }
            }

            return;
        }

        var sample = FrameworkRecords.Sample(line, prefix, Phase.Eval);
        sample.Position.Step = _lastIteration;
        var column = 0;
        Span<byte> name = stackalloc byte[200];
        foreach (var range in rest.Split((byte)','))
        {
            if (column >= _columnCount || !Utf8Number.TryParse(SpanFields.TrimSpaces(rest[range]), out var value))
            {
                column++;
                continue;
            }

            // Named as metrics.json names them: `segm/AP`.
            var header = _columns[column++];
            var length = 0;
            if (_task.Length > 0 && _task.Length + header.Length < name.Length)
            {
                _task.CopyTo(name);
                name[_task.Length] = (byte)'/';
                length = _task.Length + 1;
            }

            header.AsSpan(0, Math.Min(header.Length, name.Length - length)).CopyTo(name[length..]);
            length = Math.Min(length + header.Length, name.Length);
            if (length == 0)
            {
                continue;
            }

            sample.Name = _names.Get(name[..length]);
            sample.Value = value;
            sink.OnMetric(sample);
        }
    }
}
