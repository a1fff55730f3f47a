using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>What one rank of a distributed run was last seen doing.</summary>
public sealed class RankSummary
{
    public RankSummary(int rank)
    {
        Rank = rank;
    }

    public int Rank { get; }

    /// <summary>Sources whose lines carried this rank (a rank file, or an interleaved log).</summary>
    public HashSet<SourceInfo> Sources { get; } = [];

    public long Records { get; set; }
    public DateTime? FirstTime { get; set; }
    public DateTime? LastTime { get; set; }
    public int? LastEpoch { get; set; }
    public long? LastStep { get; set; }

    /// <summary>The last phase marker (`EPOCH 3 TRAINING END`), if the log has markers.</summary>
    public LogEvent? LastMarker { get; set; }

    /// <summary>The last record of any kind: its source and line, for "last seen at".</summary>
    public SourceInfo? LastSource { get; set; }
    public long LastLine { get; set; }
    public long LastOffset { get; set; }

    /// <summary>Largest gap between consecutive timestamps of this rank, and the typical (median-ish) one.</summary>
    public double MaxGapSeconds { get; set; }
    public double? TypicalGapSeconds { get; set; }
}
