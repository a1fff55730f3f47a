using Trainscope.Records;

namespace Trainscope.Analysis;

/// <summary>One judgement about a run: what rule fired, where, why it matters and what to try.</summary>
public sealed record Finding
{
    /// <summary>Stable rule id (`loss-spike`, `rank-stalled`); appears in JSON `findings[].rule`.</summary>
    public required string Rule { get; init; }

    public required Severity Severity { get; init; }
    public string? Metric { get; init; }
    public Phase? Phase { get; init; }
    public int? Rank { get; init; }
    public long? FromStep { get; init; }
    public long? ToStep { get; init; }

    /// <summary>One sentence saying what was seen.</summary>
    public required string Message { get; init; }

    /// <summary>A concrete next step.</summary>
    public required string Advice { get; init; }

    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
}
