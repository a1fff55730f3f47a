namespace Trainscope.Runs;

/// <summary>
/// Gives rank 0 to the unnumbered file of a per-rank family: detectron2 and fairseq write `log.txt` from rank 0 and
/// `log.txt.rank1` … from the others, so `log.txt` beside `log.txt.rankN` is rank 0.
/// </summary>
public static class RankFromSiblings
{
    public static IReadOnlyList<RunFile> Apply(IReadOnlyList<RunFile> files)
    {
        var named = files.Where(f => f.Rank is > 0).Select(f => System.IO.Path.GetFileName(f.Path)).ToArray();
        if (named.Length == 0)
        {
            return files;
        }

        return files.Select(f => f.Rank is null && IsBaseOfRankFiles(System.IO.Path.GetFileName(f.Path), named) ? f with { Rank = 0 } : f)
            .ToArray();
    }

    private static bool IsBaseOfRankFiles(string name, string[] rankFiles)
        => rankFiles.Any(r => r.StartsWith(name, StringComparison.Ordinal) && r.Length > name.Length + 5
            && r.AsSpan(name.Length).StartsWith(".rank", StringComparison.OrdinalIgnoreCase));
}
