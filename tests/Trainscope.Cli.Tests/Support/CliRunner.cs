using System.Text;
using System.Text.Json;
using Spectre.Console;
using Trainscope.Cli;

namespace Trainscope.Tests.Support;

/// <summary>Runs the CLI in-process with captured output, as a user would run it from the repository root.</summary>
public static class CliRunner
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trainscope.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Trainscope.sln not found");
    });

    public static string RepoRoot => Root.Value;

    public static string Corpus(string relative) => Path.Combine(RepoRoot, "..", "shared", "corpus", relative);

    public static string Sample(string relative) => Path.Combine(RepoRoot, "samples", relative);

    public sealed record Result(int ExitCode, string Console, string Stdout, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static Result Run(params string[] args)
    {
        var console = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        ansi.Profile.Width = 200;
        using var stdout = new MemoryStream();
        var error = new StringWriter();
        var code = TrainscopeApp.Run(args, new CliIo(ansi, stdout, error));
        return new Result(code, console.ToString(), Encoding.UTF8.GetString(stdout.ToArray()), error.ToString());
    }
}
