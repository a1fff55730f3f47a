namespace Trainscope.Analysis.Doctor;

/// <summary>`healthy` (info): nothing at warning or above fired; says what was checked.</summary>
public static class HealthyRule
{
    public const string Id = "healthy";

    public static Finding? Evaluate(Aggregation.RunSummary run, IReadOnlyList<Finding> findings)
    {
        if (findings.Any(f => f.Severity >= Severity.Warning) || run.Series.Count == 0 && run.Epochs.Count == 0)
        {
            return null;
        }

        var epochs = run.Epochs.Select(e => e.Epoch).Distinct().Count();
        return new Finding
        {
            Rule = Id,
            Severity = Severity.Info,
            Message = $"No problems found in {run.Series.Count} series" + (epochs > 0 ? $" over {epochs} epoch{(epochs == 1 ? "" : "s")}" : "")
                + ": no non-finite values, divergence, spikes, plateaus, stuck metrics or errors.",
            Advice = "Nothing to do; `trainscope watch` keeps checking while the run goes on.",
        };
    }
}
