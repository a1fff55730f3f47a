namespace Trainscope.Formats.Diagnostics;

/// <summary>
/// Errors, warnings and facts any training log can contain: tracebacks and exceptions, CUDA out-of-memory, NCCL
/// watchdog timeouts, signals, Python warnings, loss-scale overflows and GPU names. Runs as an observer over every line.
/// </summary>
public sealed class DiagnosticLinesFormat : ILineFormat
{
    public string Name => "diagnostics";

    public string Description => "Tracebacks, exceptions, CUDA OOM, NCCL timeouts, signals, warnings, loss-scale overflows and GPU names in any log.";

    public string Example => "[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.";

    /// <summary>Diagnostics mix into every kind of log, so they never claim a file.</summary>
    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(2000))
        {
            if (line.StartsWith("Traceback (most recent call last)", StringComparison.Ordinal)
                || line.Contains("Watchdog caught collective operation timeout", StringComparison.Ordinal)
                || line.Contains("CUDA out of memory", StringComparison.Ordinal))
            {
                return 0.1;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new DiagnosticLinesParser();
}
