using System.Text;
using Trainscope.Analysis;
using Trainscope.Formats.Text;

namespace Trainscope.Following;

/// <summary>
/// Turns a silence timer into a `rank-stalled` finding: a source (or one rank of it) that has written nothing for far
/// longer than it usually goes between lines — the signature of a hung collective, a deadlock or a dead process.
/// </summary>
public static class StallCheck
{
    public const string Rule = "rank-stalled";

    /// <summary>How long silence must last for this entry to count as stalled, or null while its rhythm is unknown.</summary>
    public static TimeSpan? Threshold(Liveness.Entry entry, FollowOptions options)
        => entry.TypicalGapSeconds is double typical
            ? TimeSpan.FromSeconds(Math.Max(options.StallMinimum.TotalSeconds, typical * options.StallFactor))
            : null;

    public static bool IsStalled(Liveness.Entry entry, FollowOptions options, DateTime now)
        => Threshold(entry, options) is { } limit && now - entry.LastArrival > limit;

    /// <summary>Findings for every stalled entry; none once the job said it completed.</summary>
    public static IReadOnlyList<Finding> Check(Liveness liveness, FollowOptions options, DateTime now, bool completed)
    {
        if (completed)
        {
            return [];
        }

        var findings = new List<Finding>();
        foreach (var entry in liveness.Entries)
        {
            if (!IsStalled(entry, options, now))
            {
                continue;
            }

            var who = entry.Rank is int rank ? $"rank {rank}" : entry.Source.DisplayPath;
            var silent = entry.SilentSeconds(now);
            var typical = entry.TypicalGapSeconds ?? 0;
            findings.Add(new Finding
            {
                Rule = Rule,
                Severity = Severity.Error,
                Rank = entry.Rank,
                Message = $"{who} has written nothing for {silent:0} s; it usually writes every {typical:0.##} s "
                    + $"(last line {entry.LastLine} of {entry.Source.DisplayPath})",
                Advice = "Check whether the process is alive and where it waits (py-spy dump --pid, nvidia-smi); one rank "
                    + "stuck in a collective blocks all the others, so its last line is where to look.",
                Evidence = [new Evidence(entry.Source.DisplayPath, entry.LastLine, LineAt(entry.Source.Path, entry.LastOffset)) { Offset = entry.LastOffset }],
            });
        }

        return findings;
    }

    private static string LineAt(string path, long offset)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> buffer = stackalloc byte[400];
            var read = RandomAccess.Read(handle, buffer, offset);
            var text = buffer[..read];
            var end = text.IndexOfAny((byte)'\n', (byte)'\r');
            return EventText.From(end >= 0 ? text[..end] : text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
