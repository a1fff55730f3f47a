using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Web.Live;

namespace Trainscope.Web.Tests.Support;

/// <summary>A dashboard over a temporary run folder, in memory (TestServer) or on a free loopback port.</summary>
public sealed class ServedRun : IAsyncDisposable
{
    private ServedRun(string folder, DashboardRuns runs, WebApplication app)
    {
        Folder = folder;
        Runs = runs;
        App = app;
    }

    public string Folder { get; }
    public DashboardRuns Runs { get; }
    public WebApplication App { get; }
    public string LogPath => Path.Combine(Folder, "train.log");

    /// <summary>Serves a fresh folder holding `train.log` with <paramref name="lines"/>.</summary>
    public static async Task<ServedRun> Start(IEnumerable<string> lines, string? token = null, bool kestrel = false, string host = "127.0.0.1")
    {
        var folder = Directory.CreateTempSubdirectory("trainscope-web-").FullName;
        await File.WriteAllLinesAsync(Path.Combine(folder, "train.log"), lines);
        return await Start(folder, token, kestrel, host);
    }

    public static async Task<ServedRun> Start(string folder, string? token, bool kestrel, string host = "127.0.0.1")
    {
        var follow = new FollowOptions { PollInterval = TimeSpan.FromMilliseconds(50), RescanInterval = TimeSpan.FromMilliseconds(200) };
        var runs = new DashboardRuns([folder], new IngestOptions(), follow);
        runs.Start();
        var app = DashboardServer.Build(runs, new DashboardSettings(host, kestrel ? 0 : 1, token), builder =>
        {
            if (!kestrel)
            {
                builder.WebHost.UseTestServer();
            }
        });
        await app.StartAsync();
        return new ServedRun(folder, runs, app);
    }

    public HttpClient Client() => App.GetTestClient();

    public string Url => App.Urls.First();

    public async Task Append(IEnumerable<string> lines) => await File.AppendAllLinesAsync(LogPath, lines);

    /// <summary>Waits until the run has at least <paramref name="points"/> points in its first series.</summary>
    public async Task WaitForPoints(long points, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (Runs.Find(0) is { } view && view.Store.Counts() is [var first, ..] && first >= points)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the run did not reach {points} points");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Runs.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
