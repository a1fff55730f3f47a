using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>What a CSV column stands for.</summary>
internal enum CsvColumnRole : byte
{
    /// <summary>A metric: every numeric cell becomes a sample.</summary>
    Metric,

    /// <summary>`epoch`, 0- or 1-based as written; a fractional value is kept as the fractional epoch.</summary>
    Epoch,

    /// <summary>`step`, `global_step`, `iteration`, `iter`.</summary>
    Step,

    /// <summary>`batch`, `batch_idx`: the iteration inside the epoch.</summary>
    Iteration,

    /// <summary>`Wall time`, `wall_time`, `timestamp` holding Unix seconds (TensorBoard's CSV export).</summary>
    WallTime,

    /// <summary>A column without a name (a trailing separator).</summary>
    Ignored,
}

/// <summary>One column of a CSV history: its metric name without a phase word, the phase, and its role.</summary>
internal readonly record struct CsvColumn(string Name, Phase Phase, CsvColumnRole Role);
