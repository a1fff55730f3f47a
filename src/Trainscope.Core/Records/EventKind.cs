namespace Trainscope.Records;

/// <summary>What a non-metric line told us.</summary>
public enum EventKind : byte
{
    /// <summary>A phase marker (`EPOCH 0 TRAINING START`, `***** Running Evaluation *****`).</summary>
    Marker,

    /// <summary>Facts about the run (`n_parameters`, GPU name, `Num examples = 2000`).</summary>
    RunInfo,

    /// <summary>A checkpoint was written.</summary>
    Checkpoint,

    /// <summary>Python warnings and `WARNING` lines.</summary>
    Warning,

    /// <summary>Tracebacks, exceptions, NCCL errors, killed processes.</summary>
    Error,

    /// <summary>CUDA out-of-memory.</summary>
    OutOfMemory,

    /// <summary>The job's own end-of-training line (`Training time 0:13:00`, `Training completed in …`).</summary>
    Completed,

    /// <summary>A time estimate printed by the job (`预计剩余时间`, `eta:`), in <see cref="LogEvent.Value"/> seconds.</summary>
    Eta,
}

/// <summary>Kebab-case names used in JSON.</summary>
public static class EventKindNames
{
    public static string ToName(this EventKind kind) => kind switch
    {
        EventKind.Marker => "marker",
        EventKind.RunInfo => "run-info",
        EventKind.Checkpoint => "checkpoint",
        EventKind.Warning => "warning",
        EventKind.Error => "error",
        EventKind.OutOfMemory => "oom",
        EventKind.Completed => "completed",
        EventKind.Eta => "eta",
        _ => "marker",
    };
}
