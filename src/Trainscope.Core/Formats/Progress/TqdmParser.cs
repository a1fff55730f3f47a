using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Progress;

/// <summary>Keeps the last redraw of a bar and emits it once a later line or a different bar supersedes it.</summary>
internal sealed class TqdmParser : ILineParser
{
    private readonly NameTable _names = new();
    private readonly BarState _pending = new();
    private long? _trainTotal;
    private long? _lastTrainStep;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        if (_pending.Active && _pending.Template.Line != line.Number)
        {
            _pending.Flush(sink);
        }

        var text = line.Text;
        if (text.IndexOf("%|"u8) < 0 && text.IndexOf("it ["u8) < 0)
        {
            return false;
        }

        var prefix = line.Prefix;
        if (!TqdmBar.TryRead(text[prefix.BodyStart..], out var bar))
        {
            return false;
        }

        if (_pending.Active && !_pending.IsSameBar(bar.Description, bar.Total, bar.N))
        {
            _pending.Flush(sink);
        }

        var phase = Phase(bar);
        if (phase is not { } known)
        {
            return !bar.HasTrailingText; // a loading or tokenising bar: nothing to record
        }

        var sample = LineRecords.Sample(line, prefix, known);
        sample.Position = Position(bar, known);
        _pending.Start(bar.Description, bar.Total, bar.N, sample);
        if (bar.Rate is double rate)
        {
            _pending.Add("it_per_sec", rate, known);
        }

        AddPostfix(bar.Postfix, known);

        // Text glued after the bar (DeepSpeed's OVERFLOW, a loss dict, an NCCL error) is left for the other formats.
        return !bar.HasTrailingText;
    }

    public void Complete(IRecordSink sink) => _pending.Flush(sink);

    private Phase? Phase(in TqdmBar bar)
    {
        var phase = BarKind.Classify(bar.Description);
        if (phase != Records.Phase.Train || !bar.Description.IsEmpty || bar.Total is not long total)
        {
            return phase;
        }

        // The Hugging Face Trainer draws its training bar and its evaluation bars without a description; the first
        // one is the training loop (total = max steps), later ones with another total are evaluation passes.
        _trainTotal ??= total;
        return total == _trainTotal ? Records.Phase.Train : Records.Phase.Eval;
    }

    private Position Position(in TqdmBar bar, Phase phase)
    {
        var position = default(Position);
        if (phase != Records.Phase.Train)
        {
            position.Iteration = bar.N;
            position.IterationsPerEpoch = bar.Total;
            position.Step = _lastTrainStep;
            return position;
        }

        if (BarKind.Epoch(bar.Description) is int epoch)
        {
            // Lightning restarts its bar every epoch, so n counts batches inside the epoch.
            position.Epoch = epoch;
            position.Iteration = bar.N;
            position.IterationsPerEpoch = bar.Total;
            position.DeriveStep();
        }
        else
        {
            position.Step = bar.N;
            position.Steps = bar.Total;
        }

        _lastTrainStep = position.Step ?? _lastTrainStep;
        return position;
    }

    private void AddPostfix(ReadOnlySpan<byte> postfix, Phase phase)
    {
        foreach (var range in postfix.Split((byte)','))
        {
            var pair = SpanFields.TrimSpaces(postfix[range]);
            var eq = pair.IndexOf((byte)'=');
            if (eq <= 0 || pair[..eq].SequenceEqual("v_num"u8) || !Utf8Number.TryParse(SpanFields.TrimSpaces(pair[(eq + 1)..]), out var value))
            {
                continue;
            }

            var name = _names.Get(MetricNaming.SplitPhase(SpanFields.TrimSpaces(pair[..eq]), phase, out var named));
            _pending.Add(name, value, named);
        }
    }
}
