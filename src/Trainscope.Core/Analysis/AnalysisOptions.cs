using Trainscope.Analysis.Distributed;
using Trainscope.Analysis.Doctor;

namespace Trainscope.Analysis;

/// <summary>Settings for every analysis of a run.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    public DistributedOptions Distributed { get; init; } = DistributedOptions.Default;

    public DoctorOptions Doctor { get; init; } = DoctorOptions.Default;
}
