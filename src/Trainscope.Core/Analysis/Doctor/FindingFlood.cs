namespace Trainscope.Analysis.Doctor;

/// <summary>
/// Folds many findings of one rule about sibling metrics into one: a model with dozens of loss terms (per decoder layer)
/// makes them plateau or diverge together, and one finding naming the others says it better than dozens.
/// </summary>
internal static class FindingFlood
{
    private const int MaxSeparate = 3;

    // Per-metric facts users want each of, and rules that already fold their own.
    private static readonly HashSet<string> Exempt = [BestMetricRule.Id, NonFiniteRule.Id, LossSpikeRule.Id, PerplexityRule.Id];

    public static List<Finding> Collapse(List<Finding> findings)
    {
        var result = new List<Finding>(findings.Count);
        foreach (var group in findings.GroupBy(f => (f.Rule, f.Severity, f.Phase)))
        {
            var list = group.ToList();
            if (Exempt.Contains(group.Key.Rule) || list.Count <= MaxSeparate || list.Any(f => f.Metric is null))
            {
                result.AddRange(list);
                continue;
            }

            var main = list.OrderBy(f => f.Metric!.Length).First();
            var others = list.Where(f => !ReferenceEquals(f, main)).Select(f => f.Metric!).ToArray();
            var listed = string.Join(", ", others.Take(5)) + (others.Length > 5 ? $" and {others.Length - 5} more" : "");
            result.Add(main with { Message = $"{main.Message} The same holds for {others.Length} other metrics ({listed})." });
        }

        return result;
    }
}
