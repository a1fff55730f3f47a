namespace Trainscope.Analysis.Distributed;

/// <summary>`watchdog`: torchrun's elastic agent (or a signal) stopped the workers; names the local rank that failed first.</summary>
public static class WatchdogRule
{
    public const string Id = "watchdog";

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        if (facts.Kills.Count == 0)
        {
            yield break;
        }

        var failed = facts.Kills.FirstOrDefault(e => e.Text.Contains("exitcode", StringComparison.Ordinal));
        var failedRank = failed is null ? null : FailureText.NumberAfter(failed.Text, "local_rank: ") ?? FailureText.RankOf(failed);
        var killed = facts.Kills.Any(e => e.Text.Contains("SIGKILL", StringComparison.Ordinal) || e.Text.Contains("exitcode: -9", StringComparison.Ordinal));
        var message = failed is not null && failedRank is int r
            ? $"The elastic agent stopped the job after local rank {r} failed: {Short(failed.Text)}"
            : $"The job's processes were stopped by a signal: {Short(facts.Kills[0].Text)}";
        if (killed)
        {
            message += " A SIGKILL (exit code -9) usually comes from the host's out-of-memory killer or a scheduler limit.";
        }

        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Error,
            Rank = failedRank,
            Message = message,
            Advice = facts.Causes.Count > 0
                ? $"This follows rank {facts.Causes[0].Rank}'s error: read that traceback first."
                : "The first worker to fail is the cause; the others were sent SIGTERM. Check that rank's last lines, "
                    + "the host's memory (dmesg for the OOM killer) and the scheduler's time limit.",
            Evidence = facts.Kills.Take(context.Options.MaxEvidence).Select(SourceLineReader.Evidence).ToArray(),
        };
    }

    private static string Short(string text) => text.Length > 160 ? text[..157] + "..." : text;
}
