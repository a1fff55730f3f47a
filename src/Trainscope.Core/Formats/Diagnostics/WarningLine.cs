using System.Globalization;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Diagnostics;

/// <summary>Loss-scale overflows, NaN/Inf input warnings and Python `XxxWarning:` lines.</summary>
internal static class WarningLine
{
    public static LogEvent? TryOverflow(in DiagnosticLine line)
    {
        var text = line.Text;
        var deepspeed = text.IndexOf("OVERFLOW!"u8);
        if (deepspeed >= 0)
        {
            // `[deepspeed] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 64, reducing to 32`
            var rest = text[deepspeed..];
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (SpanFields.TryNumberAfter(rest, "Attempted loss scale:"u8, out var attempted))
            {
                attributes["attempted"] = attempted.ToString(CultureInfo.InvariantCulture);
            }

            double? scale = SpanFields.TryNumberAfter(rest, "reducing to"u8, out var reduced) ? reduced : null;
            var rank = DiagnosticLine.RankWord(rest, rest.Length) ?? line.Rank;
            return line.Event(EventKind.Warning, "loss-scale-overflow", scale, attributes, rank);
        }

        var apex = text.IndexOf("Gradient overflow"u8);
        if (apex >= 0)
        {
            // apex: `Gradient overflow.  Skipping step, loss scaler 0 reducing loss scale to 256.0`
            double? scale = SpanFields.TryNumberAfter(text[apex..], "loss scale to"u8, out var reduced) ? reduced : null;
            return line.Event(EventKind.Warning, "loss-scale-overflow", scale);
        }

        return null;
    }

    /// <summary>`Warning: NaN or Inf found in input tensor.` and `file.py:254: UserWarning: …` (name = the category).</summary>
    public static LogEvent? TryPythonWarning(in DiagnosticLine line, int warningAt)
    {
        var text = line.Text;
        if (text.IndexOf("NaN or Inf found"u8) >= 0)
        {
            return line.Event(EventKind.Warning, "nan-input");
        }

        if (warningAt + "Warning"u8.Length >= text.Length || text[warningAt + "Warning"u8.Length] != (byte)':')
        {
            return null;
        }

        var start = warningAt;
        while (start > 0 && (uint)((text[start - 1] | 0x20) - 'a') <= 'z' - 'a')
        {
            start--;
        }

        var category = text[start..(warningAt + "Warning"u8.Length)];
        var name = category.Length == "Warning"u8.Length ? "warning" : System.Text.Encoding.ASCII.GetString(category);
        return line.Event(EventKind.Warning, name);
    }
}
