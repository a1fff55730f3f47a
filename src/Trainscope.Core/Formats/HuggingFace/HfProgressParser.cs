using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>Parses Hugging Face Trainer text lines; keeps the open `*****` block so its indented lines can be read.</summary>
internal sealed class HfProgressParser : ILineParser
{
    private readonly NameTable _names = new();
    private HfBlockKind _block;
    private Phase _blockPhase;
    private long _evalStep;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        var prefix = line.Prefix;
        var body = SpanFields.TrimSpaces(text[prefix.BodyStart..]);
        var context = new HfLineContext(line, prefix, _names);
        if (body.IsEmpty)
        {
            return false; // LLaMA-Factory puts blank lines between the lines of one block
        }

        if (_block != HfBlockKind.None)
        {
            if (TryBlockLine(body, context, sink))
            {
                return true;
            }

            _block = HfBlockKind.None;
        }

        if (body.StartsWith("*****"u8))
        {
            return TryHeader(body, context, sink);
        }

        if (body.StartsWith("Step "u8))
        {
            return HfStepLine.TryParse(body, context, sink);
        }

        if (body.StartsWith("Eval at step "u8))
        {
            var i = "Eval at step "u8.Length;
            if (!SpanFields.TryReadLong(body, ref i, out _evalStep))
            {
                return false;
            }

            _block = HfBlockKind.EvalAt;
            return true;
        }

        return HfEventLine.TryParse(body, context, sink);
    }

    private bool TryHeader(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        var title = SpanFields.TrimSpaces(body.Trim((byte)'*'));
        if (title.IsEmpty || !body.EndsWith("*****"u8))
        {
            return false;
        }

        var (name, kind, phase) = HfBlock.Classify(title);
        if (name.Length == 0)
        {
            return false;
        }

        _block = kind;
        _blockPhase = phase ?? Phase.Eval;
        sink.OnEvent(context.Event(EventKind.Marker, name, null, phase));
        return true;
    }

    private bool TryBlockLine(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        switch (_block)
        {
            case HfBlockKind.EvalAt:
                if (!body.StartsWith("- "u8))
                {
                    return false;
                }

                context.EmitLabelled(body[2..], Phase.Eval, SampleKind.Point, new Position { Step = _evalStep }, sink);
                return true;

            case HfBlockKind.RunInfo:
                return HfBlockLine.TryRunInfo(body, context, sink);

            case HfBlockKind.Results:
                return HfBlockLine.TryResult(body, _blockPhase, context, sink);

            case HfBlockKind.Summary:
                return HfBlockLine.TrySummary(body, context, sink);

            default:
                return false;
        }
    }
}
