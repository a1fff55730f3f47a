namespace Trainscope.Runs;

/// <summary>Reads the rank a per-rank log file is named after (`debug_rank3_20260105.log`, `log.txt.rank3`, `rank-3.log`).</summary>
public static class RankFromFileName
{
    private const int MaxDigits = 6;

    /// <summary>
    /// The rank in the file name, or null when the name does not clearly name one. Only the word `rank` counts, standing
    /// alone between separators (`_`, `-`, `.`, start or end) and followed by digits, optionally after `_`/`-`.
    /// `worker_3.log` is not a rank: data-loading workers are numbered per rank. With several matches the last wins
    /// (`node0_rank3.log` → 3). Directories are not looked at.
    /// </summary>
    public static int? Parse(string fileName)
    {
        var name = Path.GetFileName(fileName.AsSpan());
        int? found = null;
        for (var at = name.IndexOf("rank", StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            if (IsBoundary(name, at - 1) && TryDigits(name, at + 4, out var rank))
            {
                found = rank;
            }

            var next = name[(at + 4)..].IndexOf("rank", StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 4 + next;
        }

        return found;
    }

    private static bool TryDigits(ReadOnlySpan<char> name, int start, out int rank)
    {
        rank = 0;
        if (start < name.Length && name[start] is '_' or '-')
        {
            start++;
        }

        var end = start;
        while (end < name.Length && end - start < MaxDigits && char.IsAsciiDigit(name[end]))
        {
            rank = rank * 10 + (name[end] - '0');
            end++;
        }

        return end > start && IsBoundary(name, end);
    }

    private static bool IsBoundary(ReadOnlySpan<char> name, int index)
        => index < 0 || index >= name.Length || name[index] is '_' or '-' or '.' or ' ';
}
