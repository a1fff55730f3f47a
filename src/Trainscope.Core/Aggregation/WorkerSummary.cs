using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>One data-loading worker of one rank: the files it was given and whether it finished its pass.</summary>
public sealed class WorkerSummary
{
    public WorkerSummary(int worker)
    {
        Worker = worker;
    }

    public int Worker { get; }

    /// <summary>Workers per rank, when the line said (`Worker 0/2`).</summary>
    public int? Workers { get; set; }

    /// <summary>Files assigned to this worker (`Processing 1000/8000 files` → 1000).</summary>
    public long? Files { get; set; }

    /// <summary>Files in the whole data set (`Processing 1000/8000 files` → 8000).</summary>
    public long? FilesTotal { get; set; }

    /// <summary>True once the worker printed `COMPLETED iteration`.</summary>
    public bool Completed { get; set; }

    /// <summary>Samples the worker reported at completion.</summary>
    public double? Samples { get; set; }

    public DateTime? CompletedTime { get; set; }

    /// <summary>The last event of this worker, for evidence.</summary>
    public LogEvent? LastEvent { get; set; }
}
