namespace Trainscope.Records;

/// <summary>One input file of a run.</summary>
public sealed class SourceInfo
{
    public SourceInfo(int id, string path, string displayPath)
    {
        Id = id;
        Path = path;
        DisplayPath = displayPath;
    }

    public int Id { get; }

    /// <summary>Full path on disk.</summary>
    public string Path { get; }

    /// <summary>The path as the user gave it, for evidence (`logs/out.log:123`).</summary>
    public string DisplayPath { get; }

    /// <summary>The rank named by the file (`debug_rank3_….log`, `log.txt.rank3`, `rank-3.log`), if any.</summary>
    public int? Rank { get; init; }

    public override string ToString() => DisplayPath;
}
