using System.Globalization;
using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Diagnostics;

/// <summary>NCCL watchdog timeouts (`WorkNCCL(SeqNum=1580, OpType=ALLREDUCE, …, Timeout(ms)=600000) ran for 600060 milliseconds`) and other NCCL errors.</summary>
internal static class NcclLine
{
    public static LogEvent? TryRead(in DiagnosticLine line)
    {
        var text = line.Text;
        var watchdog = text.IndexOf("Watchdog caught collective operation timeout"u8);
        if (watchdog >= 0)
        {
            return Timeout(line, text, watchdog);
        }

        var pg = text.IndexOf("ProcessGroupNCCL"u8);
        if (pg >= 0)
        {
            // glog severity: `[E321 02:07:08.408 ProcessGroupNCCL.cpp:607]`, `[W ProcessGroupNCCL.cpp:…]`; info lines are skipped.
            var open = text[..pg].LastIndexOf((byte)'[');
            var severity = open >= 0 && open + 1 < pg ? text[open + 1] : (byte)0;
            return severity switch
            {
                (byte)'E' => line.Event(EventKind.Error, "nccl-error", rank: DiagnosticLine.RankWord(text, text.Length) ?? line.Rank),
                (byte)'W' => line.Event(EventKind.Warning, "nccl-warning", rank: DiagnosticLine.RankWord(text, text.Length) ?? line.Rank),
                _ when open < 0 && (text.IndexOf("rror"u8) >= 0 || text.IndexOf("imeout"u8) >= 0) => line.Event(EventKind.Error, "nccl-error"),
                _ => null,
            };
        }

        if (text.IndexOf("NCCL error"u8) >= 0)
        {
            return line.Event(EventKind.Error, "nccl-error");
        }

        return text.IndexOf("NCCL WARN"u8) >= 0 ? line.Event(EventKind.Warning, "nccl-warning") : null;
    }

    private static LogEvent Timeout(in DiagnosticLine line, ReadOnlySpan<byte> text, int watchdog)
    {
        var message = text[watchdog..];
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddNumber(attributes, "seq", message, "SeqNum="u8);
        AddNumber(attributes, "timeout_ms", message, "Timeout(ms)="u8);
        AddNumber(attributes, "ran_ms", message, "ran for "u8);
        var op = message.IndexOf("OpType="u8);
        if (op >= 0)
        {
            var token = SpanFields.Token(message, op + "OpType="u8.Length);
            if (!token.IsEmpty)
            {
                attributes["op"] = Encoding.UTF8.GetString(token);
            }
        }

        var rank = DiagnosticLine.RankWord(text, watchdog) ?? line.Rank;
        if (rank is int r)
        {
            attributes["rank"] = r.ToString(CultureInfo.InvariantCulture);
        }

        return line.Event(EventKind.Error, "nccl-timeout", null, attributes, rank);
    }

    private static void AddNumber(Dictionary<string, string> attributes, string name, ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        var at = text.IndexOf(key);
        var i = at + key.Length;
        if (at >= 0 && SpanFields.TryReadLong(text, ref i, out var value))
        {
            attributes[name] = value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
