using System.Globalization;
using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>Recognises what distributed failures look like in event text: NCCL timeouts, torchrun's kills, their knock-on errors.</summary>
public static class FailureText
{
    private static readonly string[] TimeoutNeedles =
    [
        "Watchdog caught collective operation timeout", "WorkNCCL(", "Timed out waiting", "timed out after",
        "Some NCCL operations have failed or timed out",
    ];

    private static readonly string[] KillNeedles =
    [
        "SIGTERM", "SIGKILL", "got signal", "closing signal", "exitcode", "ChildFailedError", "SignalException",
    ];

    // Errors that follow from another rank's failure: the communicator is torn down, the store's peer is gone.
    private static readonly string[] ConsequenceNeedles =
    [
        "ProcessGroupNCCL", "NCCL communicator was aborted", "DistBackendError", "NCCL error", "c10d",
        "Connection reset by peer", "Connection closed by peer", "Broken pipe", "elastic",
    ];

    public static bool IsNcclTimeout(LogEvent e)
        => e.Name == RankEventNames.NcclTimeout || ContainsAny(e.Text, TimeoutNeedles)
            || (e.Text.Contains("ProcessGroupNCCL", StringComparison.Ordinal) && e.Text.Contains("imeout", StringComparison.Ordinal));

    public static bool IsKill(LogEvent e) => ContainsAny(e.Text, KillNeedles);

    /// <summary>True when the error is most likely a symptom of another rank's failure rather than a cause.</summary>
    public static bool IsConsequence(LogEvent e) => IsNcclTimeout(e) || IsKill(e) || ContainsAny(e.Text, ConsequenceNeedles);

    /// <summary>The rank of an event: its prefix or file, else what its text names.</summary>
    public static int? RankOf(LogEvent e) => e.Rank ?? e.Source.Rank ?? RankIn(e.Text);

    /// <summary>The event text from the exception name on (`ValueError: bad shard`), shortened for messages.</summary>
    public static string Summary(LogEvent e)
    {
        var text = e.Text;
        var at = e.Name is { Length: > 0 } name ? text.IndexOf(name, StringComparison.Ordinal) : -1;
        if (at > 0)
        {
            text = text[at..];
        }

        return text.Length > 160 ? text[..157] + "..." : text;
    }

    /// <summary>The rank a line names (`[Rank 5]`, `local_rank: 1`, `rank 3`), for lines without a rank prefix.</summary>
    public static int? RankIn(string text)
        => NumberAfter(text, "local_rank: ") ?? NumberAfter(text, "[Rank ") ?? NumberAfter(text, "rank ");

    /// <summary>The attribute, or the value after `key` in the text (`SeqNum=96120`, `OpType=ALLREDUCE`).</summary>
    public static string? Field(LogEvent e, string attribute, string textKey)
    {
        if (e.Attributes is { } attributes && attributes.TryGetValue(attribute, out var value))
        {
            return value;
        }

        var at = e.Text.IndexOf(textKey, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + textKey.Length;
        var end = start;
        while (end < e.Text.Length && (char.IsAsciiLetterOrDigit(e.Text[end]) || e.Text[end] == '_'))
        {
            end++;
        }

        return end > start ? e.Text[start..end] : null;
    }

    public static int? NumberAfter(string text, string key)
    {
        var at = text.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length;
        var end = start;
        while (end < text.Length && end - start < 6 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end > start ? int.Parse(text.AsSpan(start, end - start), CultureInfo.InvariantCulture) : null;
    }

    private static bool ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
