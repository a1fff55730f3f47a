using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>The event names per-rank tracking understands, as formats emit them.</summary>
public static class RankEventNames
{
    public const string TrainingStart = "training-start";
    public const string TrainingEnd = "training-end";
    public const string ValidationStart = "validation-start";
    public const string ValidationEnd = "validation-end";

    /// <summary>`[Rank 0/8 Worker 0/2] Processing 1000/8000 files` (attributes worker, workers, files_done, files_total).</summary>
    public const string WorkerProgress = "worker-progress";

    /// <summary>`[Rank 0 Worker 0] COMPLETED iteration, total samples: 5000000` (value samples; attribute worker).</summary>
    public const string CompletedIteration = "completed-iteration";

    /// <summary>`Processed 500 training batches` (value batches).</summary>
    public const string ProcessedBatches = "processed-batches";

    /// <summary>An NCCL watchdog timeout (attributes seq, op, timeout_ms, ran_ms).</summary>
    public const string NcclTimeout = "nccl-timeout";

    public const string Traceback = "traceback";

    /// <summary>True for markers that say where in the epoch a rank is, as opposed to progress counters.</summary>
    public static bool IsPhaseMarker(LogEvent logEvent)
        => logEvent.Kind == EventKind.Marker
            && logEvent.Name is not (WorkerProgress or CompletedIteration or ProcessedBatches);
}
