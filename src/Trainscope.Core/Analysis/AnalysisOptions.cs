using Trainscope.Analysis.Distributed;

namespace Trainscope.Analysis;

/// <summary>Settings for every analysis of a run.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    public DistributedOptions Distributed { get; init; } = DistributedOptions.Default;
}
