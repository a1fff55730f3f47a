using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`memory-near-limit`: peak GPU memory above a fraction of the GPU's memory (from `--gpu-memory` or a known GPU name).</summary>
public static class MemoryNearLimitRule
{
    public const string Id = "memory-near-limit";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        if (Capacity(context) is not (double capacity, string from))
        {
            yield break;
        }

        var limit = context.Options["memory-near-limit.fraction"];
        foreach (var series in context.WithRole(MetricRole.Memory))
        {
            if (series.Max is not { } peak || MegabytesPerUnit(series.Name) is not double scale)
            {
                continue;
            }

            var used = peak.Value * scale;
            if (used <= limit * capacity)
            {
                continue;
            }

            yield return series.Finding(Id, Severity.Warning, peak.Step, peak.Step,
                message: $"Peak {series.Name} is {Numbers.Text(used)} MB at step {peak.Step}, {Numbers.Percent(used / capacity)} of the "
                    + $"{Numbers.Text(capacity)} MB of {from}.",
                advice: "One longer batch or sequence can run out of memory: lower the batch size or sequence length, use gradient "
                    + "accumulation, activation checkpointing or a sharded optimizer; PyTorch's allocator also needs headroom for fragmentation.",
                evidence: [DoctorContext.Evidence(peak)]);
        }
    }

    /// <summary>MB per logged unit: names that say GB (`GPU_mem (GB)`) are GB, everything else MB as PyTorch loggers print it.</summary>
    private static double? MegabytesPerUnit(string name)
    {
        var n = name.ToLowerInvariant();
        if (n.Contains("gb", StringComparison.Ordinal) || n.Contains("gib", StringComparison.Ordinal) || n.EndsWith("(g)", StringComparison.Ordinal))
        {
            return 1024;
        }

        return n.Contains("percent", StringComparison.Ordinal) || n.Contains('%') || n.Contains("util", StringComparison.Ordinal) ? null : 1;
    }

    private static (double, string)? Capacity(DoctorContext context)
    {
        if (context.Options.GpuMemoryMb is double given && given > 0)
        {
            return (given, "--gpu-memory");
        }

        if (context.Run.Info.TryGetValue("gpu", out var gpu))
        {
            if (gpu.Value is double mib && mib > 0)
            {
                return (mib, GpuName(gpu) ?? "the GPU");
            }

            if (GpuName(gpu) is { } name && GpuMemoryTable.MegabytesOf(name) is double known)
            {
                return (known, name);
            }
        }

        // A CUDA out-of-memory message states the GPU's total capacity.
        var total = context.Run.Events.Where(e => e.Kind == EventKind.OutOfMemory)
            .Select(e => e.Attributes?.GetValueOrDefault("gpu_total")).OfType<string>()
            .Select(GpuMemoryTable.ParseSize).FirstOrDefault(mb => mb is not null);
        return total is double mb ? (mb, "the GPU (from the out-of-memory message)") : null;
    }

    private static string? GpuName(LogEvent gpu) => gpu.Attributes?.GetValueOrDefault("name");
}
