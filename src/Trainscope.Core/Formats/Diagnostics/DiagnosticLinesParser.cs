using System.Globalization;
using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Diagnostics;

/// <summary>
/// Looks at every line with a byte search for the trigger words first; only lines holding one of them are parsed.
/// Keeps an open traceback (to name it by its exception) and a GPU table row (whose memory is on the next line).
/// </summary>
internal sealed class DiagnosticLinesParser : ILineParser
{
    private PendingEvent? _traceback;
    private PendingEvent? _gpu;
    private long _lastWarningLine = -10;
    private long _lastLine;

    /// <summary>No open traceback or GPU row, and the last line was no warning (whose next line would be its continuation).</summary>
    public bool IsIdle => _traceback is null && _gpu is null && _lastLine - _lastWarningLine > 1;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        _lastLine = line.Number;
        var text = line.Text;
        if (_gpu is not null && _gpu.Line != line.Number)
        {
            FlushGpu(text, sink);
        }

        if (_traceback is not null)
        {
            var state = TracebackStep(line, sink);
            if (state is not null)
            {
                return state.Value;
            }
        }

        if (!TriggerWords.AnyIn(text))
        {
            return false;
        }

        var facts = new DiagnosticLine(line);
        if (text.IndexOf("Traceback (most recent call last)"u8) >= 0)
        {
            _traceback = PendingEvent.From(facts, EventKind.Error, "traceback");
            return false; // emitted once the exception line names it
        }

        var logEvent = Classify(facts);
        if (logEvent is null)
        {
            return false;
        }

        if (logEvent.Kind == EventKind.Warning)
        {
            _lastWarningLine = line.Number;
        }

        if (logEvent.Name == "gpu" && logEvent.Value is null && _gpu is not null)
        {
            return true; // held for the memory on the next line
        }

        sink.OnEvent(logEvent);
        return true;
    }

    public void Complete(IRecordSink sink)
    {
        FlushGpu(default, sink);
        if (_traceback is not null)
        {
            sink.OnEvent(_traceback.ToEvent(null));
            _traceback = null;
        }
    }

    private LogEvent? Classify(in DiagnosticLine line)
    {
        var text = line.Text;
        var body = line.Body;
        if (ExceptionLine.TryRead(body, out var type, out var shortName, out _))
        {
            return ExceptionEvent(line, type, shortName);
        }

        if (OutOfMemoryLine.Matches(text))
        {
            // Ultralytics: `WARNING ⚠️ CUDA OutOfMemoryError in TaskAlignedAssigner, using CPU` is survived, not fatal.
            var survived = line.Prefix.Level == LogLevel.Warning || text.IndexOf("WARNING"u8) >= 0;
            return survived
                ? line.Event(EventKind.Warning, "cuda-oom-warning", OutOfMemoryLine.TriedGiB(text))
                : line.Event(EventKind.OutOfMemory, "cuda-oom", OutOfMemoryLine.TriedGiB(text), OutOfMemoryLine.Attributes(text, default));
        }

        if (text.IndexOf("NCCL"u8) >= 0 && NcclLine.TryRead(line) is { } nccl)
        {
            return nccl;
        }

        if (WarningLine.TryOverflow(line) is { } overflow)
        {
            return overflow;
        }

        var warningAt = text.IndexOf("Warning"u8);
        if (warningAt >= 0 && WarningLine.TryPythonWarning(line, warningAt) is { } warning)
        {
            return warning;
        }

        if (body.StartsWith("warnings.warn("u8))
        {
            // Python prints the source line of the warning call under the warning; it is part of that warning.
            return line.Number - _lastWarningLine <= 1 ? null : line.Event(EventKind.Warning, "warning");
        }

        if (line.Prefix.Level == LogLevel.Warning)
        {
            return line.Event(EventKind.Warning, "warning");
        }

        return SignalEvent(line, body) ?? GpuEvent(line, body);
    }

    private static LogEvent ExceptionEvent(in DiagnosticLine line, ReadOnlySpan<byte> type, ReadOnlySpan<byte> shortName)
    {
        var text = line.Text;
        if (OutOfMemoryLine.Matches(text))
        {
            return line.Event(EventKind.OutOfMemory, "cuda-oom", OutOfMemoryLine.TriedGiB(text), OutOfMemoryLine.Attributes(text, type));
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = Encoding.UTF8.GetString(type) };
        if (SpanFields.TryNumberAfter(text, "got signal:"u8, out var signal))
        {
            attributes["signal"] = signal.ToString(CultureInfo.InvariantCulture);
        }

        return line.Event(EventKind.Error, Encoding.UTF8.GetString(shortName), null, attributes);
    }

    private static LogEvent? SignalEvent(in DiagnosticLine line, ReadOnlySpan<byte> body)
    {
        if (body.SequenceEqual("Killed"u8) || KilledByShell(body))
        {
            return line.Event(EventKind.Error, "killed");
        }

        var text = line.Text;
        if (SignalName(text) is { } signalName)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["signal"] = signalName };
            return line.Event(EventKind.Error, "signal", null, attributes);
        }

        if (SpanFields.TryNumberAfter(text, "got signal:"u8, out var number)
            || (text.IndexOf("death signal"u8) > 0 && SpanFields.TryNumberAfter(text, "Received "u8, out number)))
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["signal"] = number.ToString(CultureInfo.InvariantCulture) };
            return line.Event(EventKind.Error, "signal", number, attributes);
        }

        return null;
    }

    /// <summary>`SIGTERM`, `SIGKILL` … as a whole word (config keys like `USE_SIGMOID_CE` are not signals).</summary>
    private static string? SignalName(ReadOnlySpan<byte> text)
    {
        var sig = text.IndexOf("SIG"u8);
        if (sig < 0 || (sig > 0 && (uint)((text[sig - 1] | 0x20) - 'a') <= 'z' - 'a') || text[sig - (sig > 0 ? 1 : 0)] == (byte)'_')
        {
            return null;
        }

        var end = sig + 3;
        while (end < text.Length && ((uint)(text[end] - 'A') <= 'Z' - 'A' || (uint)(text[end] - '0') <= 9))
        {
            end++;
        }

        if (end < text.Length && (text[end] == (byte)'_' || (uint)(text[end] - 'a') <= 'z' - 'a'))
        {
            return null;
        }

        return Encoding.ASCII.GetString(text[sig..end]) switch
        {
            "SIGTERM" or "SIGKILL" or "SIGINT" or "SIGABRT" or "SIGSEGV" or "SIGHUP" or "SIGBUS" or "SIGQUIT" or "SIGPIPE" or "SIGUSR1"
                or "SIGUSR2" or "SIGFPE" or "SIGILL" => Encoding.ASCII.GetString(text[sig..end]),
            _ => null,
        };
    }

    /// <summary>bash: `./run.sh: line 12: 48213 Killed                  python train.py`.</summary>
    private static bool KilledByShell(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf(" Killed "u8);
        if (at <= 0)
        {
            return false;
        }

        var before = body[..at].TrimEnd((byte)' ');
        return before.Length > 0 && (uint)(before[^1] - '0') <= 9;
    }

    private LogEvent? GpuEvent(in DiagnosticLine line, ReadOnlySpan<byte> body)
    {
        if (!GpuNameLine.TryRead(body, out var name, out var index, out var isTableRow))
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = Encoding.UTF8.GetString(name) };
        if (index is long gpu)
        {
            attributes["index"] = gpu.ToString(CultureInfo.InvariantCulture);
        }

        var memory = GpuNameLine.MemoryMiB(body);
        if (isTableRow && memory is null)
        {
            _gpu = PendingEvent.From(line, EventKind.RunInfo, "gpu", attributes);
        }

        return line.Event(EventKind.RunInfo, "gpu", memory, attributes);
    }

    private void FlushGpu(ReadOnlySpan<byte> nextLine, IRecordSink sink)
    {
        if (_gpu is null)
        {
            return;
        }

        sink.OnEvent(_gpu.ToEvent(GpuNameLine.MemoryMiB(nextLine)));
        _gpu = null;
    }

    /// <summary>Handles a line while a traceback is open; null means "not part of it, look at the line normally".</summary>
    private bool? TracebackStep(in LogLine line, IRecordSink sink)
    {
        var traceback = _traceback!;
        var text = line.Text;
        var prefix = line.Prefix;
        var body = text[prefix.BodyStart..];
        // The exception line comes first: with torch's `[rank0]: ` prefix it looks indented like the frames.
        if (ExceptionLine.TryRead(SpanFields.TrimSpaces(body), out var type, out _, out var message))
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["exception"] = Encoding.UTF8.GetString(type),
                ["message"] = EventText.From(message),
                ["exception_line"] = line.Number.ToString(CultureInfo.InvariantCulture),
            };
            sink.OnEvent(traceback.ToEvent(null, attributes));
            _traceback = null;
            return null;
        }

        var indented = prefix.BodyStart > 0 && text[prefix.BodyStart - 1] is (byte)' ' or (byte)'\t';
        if (body.Trim(" \t"u8).IsEmpty || body.StartsWith("File \""u8) || indented)
        {
            return false; // a frame, a source line or a `^^^^` marker
        }

        sink.OnEvent(traceback.ToEvent(null));
        _traceback = null;
        return null;
    }
}
