using System.Net;
using System.Text.Json;
using Trainscope.Web.Tests.Support;

namespace Trainscope.Web.Tests.Api;

public sealed class DashboardApiTests
{
    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Runs_lists_the_served_run_with_its_status_and_progress()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 50));
        await served.WaitForPoints(50);
        var runs = (await Json(served.Client(), "/api/runs")).GetProperty("runs");

        runs.GetArrayLength().ShouldBe(1);
        var run = runs[0];
        run.GetProperty("status").GetString().ShouldBe("running");
        run.GetProperty("health").GetString().ShouldNotBeNull();
        run.GetProperty("progress").GetProperty("epochs").GetInt32().ShouldBe(50);
    }

    [Theory]
    [InlineData("healthy", "finished", "ok")]
    [InlineData("crash-nccl-timeout", "crashed", "error")]
    public async Task Status_and_health_follow_the_runs_end_and_findings(string fixture, string status, string health)
    {
        var folder = Directory.CreateTempSubdirectory("trainscope-web-").FullName;
        foreach (var file in Directory.GetFiles(TestPaths.Fixture($"multi-rank/{fixture}")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        await using var served = await ServedRun.Start(folder, token: null, kestrel: false);
        var detail = await Json(served.Client(), "/api/runs/0");

        detail.GetProperty("run").GetProperty("status").GetString().ShouldBe(status);
        detail.GetProperty("run").GetProperty("health").GetString().ShouldBe(health);
        detail.GetProperty("ranks").GetArrayLength().ShouldBe(4);
        var evidence = detail.GetProperty("findings").EnumerateArray().SelectMany(f => f.GetProperty("evidence").EnumerateArray()).ToArray();
        evidence.ShouldAllBe(e => e.GetProperty("source").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task Run_detail_groups_series_by_role()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 20));
        await served.WaitForPoints(20);
        var series = (await Json(served.Client(), "/api/runs/0")).GetProperty("series").EnumerateArray().ToArray();

        var loss = series.Single(s => s.GetProperty("name").GetString() == "loss");
        loss.GetProperty("group").GetString().ShouldBe("losses");
        loss.GetProperty("count").GetInt64().ShouldBe(20);
        series.Single(s => s.GetProperty("name").GetString() == "lr").GetProperty("group").GetString().ShouldBe("lr");
    }

    [Fact]
    public async Task Series_downsampling_keeps_a_spike_and_marks_nan()
    {
        // 5,000 points: one spike at 2,345 and one NaN at 4,000, served at 100 pixels.
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5000, i => i == 2345 ? 50.0 : i == 4000 ? double.NaN : 1.0 + ((i % 7) * 0.01)));
        await served.WaitForPoints(4999);
        var loss = await LossSeries(served);
        var window = await Json(served.Client(), $"/api/runs/0/series/{loss}?points=100");

        var ys = window.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        ys.Length.ShouldBeLessThanOrEqualTo(200);
        ys.Max().ShouldBe(50.0);
        var nan = window.GetProperty("nonFinite").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        nan.Length.ShouldBe(1);
        window.GetProperty("total").GetInt64().ShouldBe(5000);
    }

    [Fact]
    public async Task From_and_to_cut_the_series_to_the_zoomed_range()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 1000));
        await served.WaitForPoints(1000);
        var loss = await LossSeries(served);
        var window = await Json(served.Client(), $"/api/runs/0/series/{loss}?from=200&to=300&points=1000");

        var xs = window.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        xs.ShouldAllBe(x => x >= 200 && x <= 300);
        xs.Length.ShouldBe(101);
    }

    [Fact]
    public async Task Unknown_runs_series_and_axes_are_refused()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 10));
        await served.WaitForPoints(10);
        var client = served.Client();

        (await client.GetAsync("/api/runs/7")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/runs/0/series/99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/runs/0/series/0?axis=bogus")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_response_carries_a_content_security_policy()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 10));
        var response = await served.Client().GetAsync("/api/runs");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task The_events_stream_announces_new_points()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 10));
        await served.WaitForPoints(10);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await served.Client().GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        (await reader.ReadLineAsync(stop.Token)).ShouldBe("event: hello");

        await served.Append(EpochLog.Lines(10, 15));
        string? line;
        while ((line = await reader.ReadLineAsync(stop.Token)) is not null && line != "event: run")
        {
        }

        line.ShouldBe("event: run");
        var data = (await reader.ReadLineAsync(stop.Token))!;
        data.ShouldStartWith("data: ");
        var run = JsonDocument.Parse(data["data: ".Length..]).RootElement;
        run.GetProperty("run").GetProperty("counts")[0].GetInt64().ShouldBeGreaterThan(10);
        var newest = run.GetProperty("points").EnumerateArray().First(p => p.GetProperty("series").GetInt32() == 0);
        newest.GetProperty("step").GetDouble().ShouldBeGreaterThan(110);
    }

    private static async Task<int> LossSeries(ServedRun served)
    {
        var series = (await Json(served.Client(), "/api/runs/0")).GetProperty("series").EnumerateArray();
        return series.Single(s => s.GetProperty("name").GetString() == "loss").GetProperty("id").GetInt32();
    }
}
