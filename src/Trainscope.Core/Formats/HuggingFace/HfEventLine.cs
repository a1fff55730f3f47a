using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>Single lines that are events: checkpoints, `Training completed in 1:40:23`, PEFT's `trainable params` line.</summary>
internal static class HfEventLine
{
    public static bool TryParse(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        if (body.StartsWith("Saving model checkpoint to "u8))
        {
            var path = SpanFields.TrimSpaces(body["Saving model checkpoint to "u8.Length..]);
            var at = path.LastIndexOf("checkpoint-"u8);
            double? step = null;
            if (at >= 0 && Utf8Number.TryParse(path[(at + "checkpoint-"u8.Length)..].TrimEnd((byte)'/'), out var value))
            {
                step = value;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["path"] = Encoding.UTF8.GetString(path) };
            sink.OnEvent(context.Event(EventKind.Checkpoint, "checkpoint", step, null, attributes));
            return true;
        }

        if (body.StartsWith("Training completed"u8))
        {
            var rest = SpanFields.TrimSpaces(body["Training completed"u8.Length..]);
            double? seconds = null;
            if (rest.StartsWith("in "u8) && SpanFields.TryParseDuration(SpanFields.Token(rest, 3).TrimEnd((byte)'.'), out var value))
            {
                seconds = value;
            }

            sink.OnEvent(context.Event(EventKind.Completed, "training-completed", seconds));
            return true;
        }

        if (body.StartsWith("trainable params:"u8) && body.IndexOf("||"u8) > 0)
        {
            foreach (var range in body.Split("||"u8))
            {
                var part = SpanFields.TrimSpaces(body[range]);
                var colon = part.IndexOf((byte)':');
                if (colon > 0)
                {
                    HfBlockLine.EmitRunInfo(part[..colon], SpanFields.TrimSpaces(part[(colon + 1)..]), context, sink);
                }
            }

            return true;
        }

        return false;
    }
}
