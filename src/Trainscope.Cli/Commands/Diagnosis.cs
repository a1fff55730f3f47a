using Trainscope.Aggregation;
using Trainscope.Reporting;

namespace Trainscope.Cli.Commands;

/// <summary>Runs the analyses over a run summary.</summary>
internal static class Diagnosis
{
    public static AnalysisResult Analyze(RunSummary run) => new(run, []);
}
