namespace Trainscope.Tests.Support;

/// <summary>Finds fixtures and the shared corpus from wherever the tests run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Trainscope.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A file under tests/fixtures/.</summary>
    public static string Fixture(string relative) => Path.Combine(RepoRoot, "tests", "fixtures", relative);

    /// <summary>A file under the shared corpus beside the repository (../shared/corpus).</summary>
    public static string Corpus(string relative) => Path.Combine(RepoRoot, "..", "shared", "corpus", relative);

    /// <summary>A file under the shared seeds (../shared/seeds).</summary>
    public static string Seed(string prefix)
        => Directory.GetFiles(Path.Combine(RepoRoot, "..", "shared", "seeds"), prefix + "*").Single();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trainscope.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Trainscope.sln not found above " + AppContext.BaseDirectory);
    }
}
