using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>`Step 10/2000   [>   ] 0.5%  | Loss: 3.4521 | Time: 0:00:30` and the short `Step 100 | Loss: 2.65`.</summary>
internal static class HfStepLine
{
    public static bool TryParse(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        var bar = body.IndexOf((byte)'|');
        if (bar < 0)
        {
            return false;
        }

        var i = "Step "u8.Length;
        if (!SpanFields.TryReadLong(body, ref i, out var step))
        {
            return false;
        }

        var position = new Position { Step = step };
        if (i < body.Length && body[i] == (byte)'/')
        {
            i++;
            if (SpanFields.TryReadLong(body, ref i, out var steps))
            {
                position.Steps = steps;
            }
        }

        // Between the step and the first `|` there may only be a bar and a percentage.
        var head = body[i..bar];
        if (head.IndexOf((byte)':') >= 0)
        {
            return false;
        }

        var rest = body[(bar + 1)..];
        foreach (var range in rest.Split((byte)'|'))
        {
            context.EmitLabelled(SpanFields.TrimSpaces(rest[range]), Phase.Train, SampleKind.Point, position, sink);
        }

        return true;
    }
}
