namespace Trainscope.Web.Tests.Support;

/// <summary>Finds the repository and its fixtures from wherever the tests run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trainscope.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Trainscope.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string Fixture(string relative) => Path.Combine(RepoRoot, "tests", "fixtures", relative);
}
