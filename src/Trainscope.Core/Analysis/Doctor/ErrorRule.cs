using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`error`: exceptions, NCCL errors, killed processes the log shows and no rank finding already reported.</summary>
public static class ErrorRule
{
    public const string Id = "error";
    private const int MaxFindings = 5;

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var errors = context.Run.Events
            .Where(e => e.Kind == EventKind.Error && !SaidElsewhere(context, e))
            .ToArray();
        var tracebacks = errors.Where(e => e.Name == "traceback").ToArray();
        // A named traceback stands for its exception line; the bare exception line would say it twice.
        var named = tracebacks.Where(t => t.Attributes?.ContainsKey("exception_line") == true)
            .Select(t => $"{t.Source.Id}:{t.Attributes!["exception_line"]}").ToHashSet();
        var exceptionLines = errors.Where(e => named.Contains(Line(e))).GroupBy(Line).ToDictionary(g => g.Key, g => g.First());
        var reported = 0;
        foreach (var group in errors.Where(e => !named.Contains(Line(e)) || e.Name == "traceback")
            .GroupBy(Kind))
        {
            if (reported++ == MaxFindings)
            {
                yield break;
            }

            var first = group.First();
            var count = group.Count();
            var detail = first.Attributes?.GetValueOrDefault("message") is { Length: > 0 } message ? $": {message}" : "";
            var rank = first.Rank is int r ? $" on rank {r}" : "";
            var step = first.Position.Step is long s ? $" at step {s}" : "";
            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Error,
                Rank = first.Rank,
                FromStep = first.Position.Step,
                Message = $"{group.Key}{rank}{step}{detail}" + (count > 1 ? $" ({count} times)." : "."),
                Advice = Advice(group.Key),
                Evidence = group.Take(3).SelectMany(e => ExceptionOf(e, exceptionLines) is { } line ? new[] { e, line } : [e])
                    .Select(SourceLineReader.Evidence).ToArray(),
            };
        }
    }

    /// <summary>True when the distributed findings or the `oom` rule already cover the event.</summary>
    private static bool SaidElsewhere(DoctorContext context, LogEvent e)
    {
        var message = e.Attributes?.GetValueOrDefault("message") ?? "";
        if (context.Reported.Contains((e.Source.DisplayPath, e.Line)) || e.Text.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var others = context.Others;
        return (FailureText.IsNcclTimeout(e) || e.Name?.StartsWith("nccl", StringComparison.Ordinal) == true)
                && others.Any(f => f.Rule is NcclTimeoutRule.Id or HangLocationRule.Id)
            || FailureText.IsKill(e) && others.Any(f => f.Rule == WatchdogRule.Id)
            || FailureText.RankOf(e) is int rank && others.Any(f => f.Rule == RankErrorRule.Id && f.Rank == rank);
    }

    private static string Line(LogEvent e) => $"{e.Source.Id}:{e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The exception line that ends a traceback, for evidence beside the traceback's first line.</summary>
    private static LogEvent? ExceptionOf(LogEvent traceback, Dictionary<string, LogEvent> exceptionLines)
        => traceback.Attributes?.GetValueOrDefault("exception_line") is { } line && exceptionLines.TryGetValue($"{traceback.Source.Id}:{line}", out var e)
            ? e : null;

    private static string Kind(LogEvent e)
        => e.Attributes?.GetValueOrDefault("exception") ?? e.Attributes?.GetValueOrDefault("type") ?? e.Name switch
        {
            "traceback" => "A Python traceback (its exception line is missing)",
            "signal" => "Signal " + (e.Attributes?.GetValueOrDefault("signal") ?? "") + " received",
            "killed" => "Process killed",
            { } name => name,
            null => "error",
        };

    private static string Advice(string kind) => kind switch
    {
        "Process killed" => "The process was killed, usually by the kernel's OOM killer for host RAM (check `dmesg`): fewer data-loader workers, smaller prefetch, or more memory.",
        _ when kind.StartsWith("Signal ", StringComparison.Ordinal) => "A signal ended the process: check whether the scheduler (time limit, preemption) or a user sent it; resume from the last checkpoint.",
        _ when kind.Contains("NCCL", StringComparison.OrdinalIgnoreCase) || kind.Contains("Dist", StringComparison.Ordinal)
            => "A collective failed: run with NCCL_DEBUG=INFO and TORCH_DISTRIBUTED_DEBUG=DETAIL and look for the first rank that failed.",
        _ => "Read the traceback at the evidence line: fix the first exception; the later ones usually follow from it.",
    };
}
