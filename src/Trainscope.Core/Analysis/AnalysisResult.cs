using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;

namespace Trainscope.Analysis;

/// <summary>A run with the judgements made about it: what presentation shows.</summary>
public sealed record AnalysisResult(RunSummary Run, IReadOnlyList<Finding> Findings, IReadOnlyList<RankRow> Ranks);
