using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`oom`: CUDA ran out of memory; the first occurrence with its step, and how many there were.</summary>
public static class OomRule
{
    public const string Id = "oom";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var ooms = context.Run.Events.Where(e => e.Kind == EventKind.OutOfMemory).ToArray();
        if (ooms.Length == 0)
        {
            yield break;
        }

        var first = ooms[0];
        var total = context.Run.EventCounts.GetValueOrDefault(EventKind.OutOfMemory, ooms.Length);
        var step = first.Position.Step ?? LastStepBefore(context, first);
        var tried = first.Value is double gib ? $" trying to allocate {Numbers.Text(gib)} GiB" : "";
        var gpu = first.Attributes?.GetValueOrDefault("gpu_total") is { } capacity ? $" of a {capacity} GPU" : "";
        var rank = first.Rank is int r ? $" on rank {r}" : "";
        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Error,
            Rank = first.Rank,
            FromStep = step,
            ToStep = ooms[^1].Position.Step ?? step,
            Message = $"CUDA ran out of memory{rank}{tried}{gpu}" + (step is long s ? $" after step {s}" : "")
                + (total > 1 ? $"; {total} out-of-memory messages in all." : "."),
            Advice = "Lower the per-GPU batch size (keep the effective batch with gradient accumulation), shorten sequences, enable "
                + "activation checkpointing or mixed precision; set PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True if reserved memory "
                + "is much larger than allocated.",
            Evidence = ooms.Take(3).Select(SourceLineReader.Evidence).ToArray(),
        };
    }

    /// <summary>The last training step logged before the event in the same file (OOM lines rarely carry a step).</summary>
    private static long? LastStepBefore(DoctorContext context, LogEvent e)
    {
        long? step = null;
        foreach (var series in context.Metrics)
        {
            foreach (var p in series.Points())
            {
                if (p.Source.Id == e.Source.Id && p.Line < e.Line && (step is null || p.Step > step))
                {
                    step = p.Step;
                }
            }
        }

        return step;
    }
}
