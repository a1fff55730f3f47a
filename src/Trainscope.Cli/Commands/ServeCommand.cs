using System.CommandLine;
using System.Net;
using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Web;
using Trainscope.Web.Live;
using Trainscope.Web.Security;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope serve PATH…`: follow runs as `watch` does and show them in a live web dashboard.</summary>
internal static class ServeCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Log files or run directories to serve (new files in directories are picked up)",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on; anything but loopback requires a token",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public static readonly Option<int> Port = new("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 8765 };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Require this token on every request (generated and printed when listening beyond loopback)",
    };

    public static readonly Option<string?> Format = new("--format") { Description = "Force a format instead of detecting it (see `trainscope formats`)" };

    public static Command Create(CliIo io)
    {
        var command = new Command("serve", "Serve a live web dashboard of training runs: charts, progress, findings, ranks")
        {
            Paths, Host, Port, Token, Format,
        };
        command.SetAction(result => Run(io, result.GetValue(Paths) ?? [], result.GetValue(Host)!, result.GetValue(Port), result.GetValue(Token), result.GetValue(Format)));
        return command;
    }

    private static int Run(CliIo io, string[] paths, string host, int port, string? token, string? format)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            throw new UserError(ExitCodes.Usage, string.Join(Environment.NewLine, missing.Select(p => $"{p}: no such file or directory")));
        }

        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            throw new UserError(ExitCodes.Usage, $"--host must be an IP address or localhost, not '{host}'");
        }

        if (port is < 0 or > 65535)
        {
            throw new UserError(ExitCodes.Usage, "--port must be between 0 and 65535");
        }

        if (token is null && !DashboardServer.IsLoopbackHost(host))
        {
            token = AccessToken.Generate();
        }

        var ingest = new IngestOptions { Format = format, LineFormats = io.LineFormats };
        using var runs = new DashboardRuns(paths, ingest, new FollowOptions());
        if (runs.Problems.Count > 0)
        {
            throw new UserError(ExitCodes.Usage, string.Join(Environment.NewLine, runs.Problems));
        }

        runs.Start();
        var app = DashboardServer.Build(runs, new DashboardSettings(host, port, token, Environment.GetEnvironmentVariable("TRAINSCOPE_WEB_ROOT")));
        using var stop = new StopSignal(io.Stop);
        try
        {
            app.StartAsync(stop.Token).GetAwaiter().GetResult();
            foreach (var address in app.Urls)
            {
                var url = token is null ? address : $"{address}/?token={Uri.EscapeDataString(token)}";
                io.Error.WriteLine($"trainscope serve: {runs.Views.Count} run(s) at {url}");
            }

            io.Error.Flush();
            stop.Token.WaitHandle.WaitOne();
            app.StopAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new UserError(ExitCodes.Usage, $"cannot listen on {host}:{port}: {e.Message}");
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }

        return ExitCodes.Ok;
    }
}
