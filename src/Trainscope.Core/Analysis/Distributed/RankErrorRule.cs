namespace Trainscope.Analysis.Distributed;

/// <summary>`rank-error`: a rank raised an exception; the earliest one is usually why the other ranks hang or time out.</summary>
public static class RankErrorRule
{
    public const string Id = "rank-error";
    private const int MaxFindings = 8;

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        var failed = facts.Causes.Select(c => c.Rank).ToHashSet();
        var waiting = context.Ranks.Select(r => r.Rank).Where(r => !failed.Contains(r)).ToArray();
        for (var i = 0; i < facts.Causes.Count && i < MaxFindings; i++)
        {
            var cause = facts.Causes[i];
            var summary = FailureText.Summary(cause.Error);
            var message = $"Rank {cause.Rank} failed: {summary}" + (summary.EndsWith('.') ? "" : ".");
            if (i == 0 && facts.Causes.Count > 1)
            {
                message += " It is the first rank to fail.";
            }

            if (i == 0 && waiting.Length > 0)
            {
                message += $" {Capitalised(Durations.Ranks(waiting))} then waited for it"
                    + (facts.Timeouts.Count > 0 ? " and timed out in NCCL." : ".");
            }

            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Error,
                Rank = cause.Rank,
                Message = message,
                Advice = i == 0
                    ? $"Start with rank {cause.Rank}'s traceback: the other ranks' timeouts and silence most likely follow from it. Fix this error first."
                    : $"Read rank {cause.Rank}'s traceback after the first failing rank's.",
                Evidence = Evidence(context, cause),
            };
        }
    }

    private static IReadOnlyList<Evidence> Evidence(DistributedContext context, RankCause cause)
    {
        var list = new List<Evidence>();
        if (cause.Traceback is { } traceback)
        {
            list.Add(SourceLineReader.Evidence(traceback));
        }

        list.Add(SourceLineReader.Evidence(cause.Error));
        if (context.Rank(cause.Rank) is { } rank && DistributedContext.LastLine(rank) is { } last
            && list.TrueForAll(e => e.Line != last.Line || e.Path != last.Path))
        {
            list.Add(last);
        }

        return list.Take(context.Options.MaxEvidence).ToArray();
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
