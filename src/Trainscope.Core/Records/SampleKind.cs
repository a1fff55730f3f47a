namespace Trainscope.Records;

/// <summary>What a metric sample stands for: one observation, or a summary the job itself printed.</summary>
public enum SampleKind : byte
{
    /// <summary>One observation at one step (a batch, an evaluation, an epoch row of a CSV).</summary>
    Point,

    /// <summary>The mean over an epoch as printed by the job (`Averaged stats:`, `平均损失`).</summary>
    EpochMean,

    /// <summary>The minimum over an epoch as printed by the job.</summary>
    EpochMin,

    /// <summary>The maximum over an epoch as printed by the job.</summary>
    EpochMax,

    /// <summary>A final result printed once at the end (`***** Final eval results *****`).</summary>
    Final,
}
