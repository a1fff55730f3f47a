namespace Trainscope.Runs;

/// <summary>Reads a rank from a log file's name (`debug_rank3_….log`, `log.txt.rank3`, `rank-3.log`).</summary>
public static class RankFromFileName
{
    public static int? Parse(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        var at = name.IndexOf("rank", StringComparison.Ordinal);
        while (at >= 0)
        {
            var i = at + 4;
            if (i < name.Length && name[i] is '_' or '-' or '.')
            {
                i++;
            }

            var start = i;
            while (i < name.Length && char.IsAsciiDigit(name[i]) && i - start < 6)
            {
                i++;
            }

            var boundaryBefore = at == 0 || !char.IsAsciiLetter(name[at - 1]);
            var boundaryAfter = i == name.Length || !char.IsAsciiLetterOrDigit(name[i]);
            if (i > start && boundaryBefore && boundaryAfter)
            {
                return int.Parse(name.AsSpan(start, i - start));
            }

            at = name.IndexOf("rank", at + 4, StringComparison.Ordinal);
        }

        return null;
    }
}
