using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.MetricLogger;

/// <summary>
/// Parses `misc.MetricLogger` stdout: `Epoch: [e]  [i/n]` and `Test:  [i/n]` progress lines, `Total time` lines,
/// `Averaged stats:` (inline, or one indented `name: value (avg)` per following line) and `Training time`.
/// </summary>
internal sealed class MetricLoggerParser : ILineParser
{
    private readonly NameTable _names = new();
    private readonly FieldLayout _train;
    private readonly FieldLayout _eval;
    private readonly FieldLayout _averagedTrain;
    private readonly FieldLayout _averagedEval;
    private int? _epoch;
    private int? _etaEpoch;
    private Phase _blockPhase = Phase.Train;
    private AveragedBlock _averaged;

    /// <param name="reuseLayouts">False reads every line's fields as if it were the first one (a reference for tests).</param>
    public MetricLoggerParser(bool reuseLayouts = true)
    {
        _train = new FieldLayout(reuseLayouts);
        _eval = new FieldLayout(reuseLayouts);
        _averagedTrain = new FieldLayout(reuseLayouts);
        _averagedEval = new FieldLayout(reuseLayouts);
    }

    /// <summary>Nothing is held back: every line's records are sent as it is read, and blocks end without output.</summary>
    public bool IsIdle => true;

    /// <summary>`Epoch: [e]  [0/n]  …`: the first training line of an epoch.</summary>
    public static bool IsEpochStart(in LogLine line)
    {
        var body = line.Text[line.Prefix.BodyStart..];
        return body.StartsWith(EpochOpening) && OpensFirstIteration(body);
    }

    /// <summary>
    /// Whether some `Epoch: [` in <paramref name="text"/> goes on as an epoch's first line: true wherever
    /// <see cref="IsEpochStart"/> is (its body is the text from one of them), found without reading the logging prefix.
    /// </summary>
    public static bool MayBeEpochStart(ReadOnlySpan<byte> text)
    {
        for (var at = text.IndexOf(EpochOpening); at >= 0; )
        {
            var rest = text[at..];
            if (OpensFirstIteration(rest))
            {
                return true;
            }

            var next = rest[1..].IndexOf(EpochOpening);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    private static ReadOnlySpan<byte> EpochOpening => "Epoch: ["u8;

    /// <summary><paramref name="text"/> (starting with `Epoch: [`) names an epoch and then iteration 0.</summary>
    private static bool OpensFirstIteration(ReadOnlySpan<byte> text)
    {
        var i = EpochOpening.Length;
        return SpanFields.TryReadLong(text, ref i, out _) && i < text.Length && text[i] == (byte)']'
            && TryReadIteration(text[(i + 1)..], out var iteration, out _, out _) && iteration == 0;
    }

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (_averaged.Open)
        {
            if (text.Length > 0 && text[0] is (byte)' ' or (byte)'\t' && AveragedEntry.TryParse(line, _averaged, _names, sink))
            {
                return true;
            }

            _averaged.Open = false;
        }

        var prefix = line.Prefix;
        var body = text[prefix.BodyStart..].TrimEnd(" \t"u8);
        if (body.Length < 5)
        {
            return false;
        }

        return body[0] switch
        {
            (byte)'E' when body.StartsWith("Epoch: ["u8) => TryTrainLine(line, prefix, body, sink),
            (byte)'E' when body.StartsWith("Eval:"u8) => TryEvalLine(line, prefix, body["Eval:"u8.Length..], sink),
            (byte)'T' when body.StartsWith("Test:"u8) => TryEvalLine(line, prefix, body["Test:"u8.Length..], sink),
            (byte)'T' when body.StartsWith("Training time "u8) => TryTrainingTime(line, prefix, body, sink),
            (byte)'V' when body.StartsWith("Val:"u8) => TryEvalLine(line, prefix, body["Val:"u8.Length..], sink),
            (byte)'A' when body.StartsWith("Averaged stats:"u8) => TryAveraged(line, prefix, body["Averaged stats:"u8.Length..], sink),
            _ => false,
        };
    }

    private bool TryTrainLine(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var i = "Epoch: ["u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var epoch) || epoch > int.MaxValue || i >= body.Length || body[i] != (byte)']')
        {
            return false;
        }

        var rest = body[(i + 1)..];
        var at = SpanFields.SkipSpaces(rest, 0);
        if (rest[at..].StartsWith("Total time:"u8))
        {
            return TryTotalTime(line, prefix, rest[(at + "Total time:"u8.Length)..], Phase.Train, (int)epoch, sink);
        }

        if (!TryReadIteration(rest, out var iteration, out var total, out var fieldsStart))
        {
            return false;
        }

        _epoch = (int)epoch;
        _blockPhase = Phase.Train;
        if (iteration == 0)
        {
            // A new pass over the epoch (also after a relaunch that repeats an epoch number) has an ETA of its own.
            _etaEpoch = null;
        }

        var sample = NewSample(line, prefix, Phase.Train);
        sample.Position.Epoch = (int)epoch;
        sample.Position.Iteration = iteration;
        sample.Position.IterationsPerEpoch = total;
        sample.Position.DeriveStep();
        _train.Read(rest[fieldsStart..], Phase.Train, _names);
        _train.Emit(sample, sink);
        if (_train.EtaSeconds is double eta && _etaEpoch != _epoch)
        {
            // MetricLogger's eta is the time left in the current epoch, so it is named so. One per epoch, from its first
            // line: an event per line would crowd warnings and errors out of the aggregator's bounded event list.
            _etaEpoch = _epoch;
            sink.OnEvent(NewEvent(line, prefix, EventKind.Eta, "epoch-eta", eta, sample.Position, Phase.Train));
        }

        return true;
    }

    private bool TryEvalLine(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> rest, IRecordSink sink)
    {
        var at = SpanFields.SkipSpaces(rest, 0);
        if (rest[at..].StartsWith("Total time:"u8))
        {
            return TryTotalTime(line, prefix, rest[(at + "Total time:"u8.Length)..], Phase.Eval, _epoch, sink);
        }

        if (!TryReadIteration(rest, out var iteration, out var total, out var fieldsStart))
        {
            return false;
        }

        _blockPhase = Phase.Eval;
        var sample = NewSample(line, prefix, Phase.Eval);
        sample.Position.Epoch = _epoch;
        sample.Position.Iteration = iteration;
        sample.Position.IterationsPerEpoch = total;

        // Evaluation iterations are not training steps: no step is derived, so eval series use their own index.
        _eval.Read(rest[fieldsStart..], Phase.Eval, _names);
        _eval.Emit(sample, sink);
        return true;
    }

    private bool TryTotalTime(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> rest, Phase phase, int? epoch, IRecordSink sink)
    {
        // `0:10:27 (4.9008 s / it)`
        rest = SpanFields.TrimSpaces(rest);
        var open = rest.IndexOf((byte)'(');
        var clock = SpanFields.TrimSpaces(open < 0 ? rest : rest[..open]);
        if (!Timedelta.TryParse(clock, out var seconds))
        {
            return false;
        }

        _blockPhase = phase;
        _epoch = epoch;
        var sample = NewSample(line, prefix, phase);
        sample.Position.Epoch = epoch;
        sample.Name = "epoch_seconds";
        sample.Value = seconds;
        sink.OnMetric(sample);
        return true;
    }

    private bool TryAveraged(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> rest, IRecordSink sink)
    {
        var sample = NewSample(line, prefix, _blockPhase);
        sample.Kind = SampleKind.EpochMean;
        sample.Position.Epoch = _epoch;
        if (SpanFields.TrimSpaces(rest).IsEmpty)
        {
            _averaged = new AveragedBlock { Open = true, Header = sample };
            return true;
        }

        var layout = _blockPhase == Phase.Train ? _averagedTrain : _averagedEval;
        layout.Read(rest, _blockPhase, _names);
        layout.Emit(sample, sink);
        return true;
    }

    private bool TryTrainingTime(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        if (!Timedelta.TryParse(SpanFields.TrimSpaces(body["Training time "u8.Length..]), out var seconds))
        {
            return false;
        }

        var position = new Position { Epoch = _epoch };
        sink.OnEvent(NewEvent(line, prefix, EventKind.Completed, "training-completed", seconds, position, null));

        // The job says it is done: nothing is left, whatever the last epoch's estimate said.
        sink.OnEvent(NewEvent(line, prefix, EventKind.Eta, "eta", 0, position, null));
        return true;
    }

    /// <summary>Reads `[i/n]` (spaces allowed inside) after the header; the fields start after it.</summary>
    private static bool TryReadIteration(ReadOnlySpan<byte> rest, out long iteration, out long total, out int fieldsStart)
    {
        iteration = 0;
        total = 0;
        fieldsStart = 0;
        var i = SpanFields.SkipSpaces(rest, 0);
        if (i >= rest.Length || rest[i] != (byte)'[')
        {
            return false;
        }

        i++;
        if (!SpanFields.TryReadFraction(rest, ref i, out iteration, out total) || i >= rest.Length || rest[i] != (byte)']')
        {
            return false;
        }

        fieldsStart = i + 1;
        return true;
    }

    private static MetricSample NewSample(in LogLine line, in LinePrefix prefix, Phase phase) => LineRecords.Sample(line, prefix, phase);

    private static LogEvent NewEvent(in LogLine line, in LinePrefix prefix, EventKind kind, string name, double value, Position position, Phase? phase)
        => LineRecords.Event(line, prefix, kind, name, value, position, phase);
}
