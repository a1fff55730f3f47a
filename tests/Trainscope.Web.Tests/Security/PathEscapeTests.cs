using System.Net;
using System.Text.Json;
using Trainscope.Records;
using Trainscope.Web.Security;
using Trainscope.Web.Tests.Support;

namespace Trainscope.Web.Tests.Security;

public sealed class PathEscapeTests
{
    [Theory]
    [InlineData("/api/runs/0/excerpt?source=../../etc/passwd&line=1")]
    [InlineData("/api/runs/0/excerpt?source=/etc/passwd&line=1")]
    [InlineData("/api/runs/0/excerpt?source=..%2F..%2Fetc%2Fpasswd&line=1")]
    [InlineData("/api/runs/0/excerpt?path=/etc/passwd&source=0&line=1&context=100000")]
    [InlineData("/api/runs/0/excerpt?source=1&line=1")]
    [InlineData("/api/runs/0/excerpt?source=-1&line=1")]
    [InlineData("/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/wwwroot/../../../../etc/passwd")]
    public async Task Nothing_outside_the_served_files_can_be_read(string url)
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5));
        await served.WaitForPoints(5);
        var response = await served.Client().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        body.ShouldNotContain("root:");
        if (url.Contains("path=", StringComparison.Ordinal))
        {
            // The path is ignored: source 0 is the served log itself, and the context is capped.
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            JsonDocument.Parse(body).RootElement.GetProperty("lines").GetArrayLength().ShouldBe(5);
        }
        else
        {
            ((int)response.StatusCode).ShouldBeInRange(400, 499);
        }
    }

    [Fact]
    public async Task Excerpts_give_the_lines_around_the_asked_line_within_the_file()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 20));
        await served.WaitForPoints(20);
        var client = served.Client();

        var middle = JsonDocument.Parse(await client.GetStringAsync("/api/runs/0/excerpt?source=0&line=10&context=2")).RootElement.GetProperty("lines");
        middle.EnumerateArray().Select(l => l.GetProperty("n").GetInt64()).ShouldBe([8L, 9, 10, 11, 12]);
        middle[2].GetProperty("text").GetString()!.ShouldContain("(10/100)");

        var end = JsonDocument.Parse(await client.GetStringAsync("/api/runs/0/excerpt?source=0&line=20&context=3")).RootElement.GetProperty("lines");
        end.EnumerateArray().Select(l => l.GetProperty("n").GetInt64()).ShouldBe([17L, 18, 19, 20]);

        var capped = JsonDocument.Parse(await client.GetStringAsync("/api/runs/0/excerpt?source=0&line=1&context=999999")).RootElement.GetProperty("lines");
        capped.GetArrayLength().ShouldBe(20);
        (await client.GetAsync("/api/runs/0/excerpt?source=0&line=0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void A_symlink_out_of_the_served_tree_is_not_read()
    {
        var outside = Directory.CreateTempSubdirectory("trainscope-outside-").FullName;
        var served = Directory.CreateTempSubdirectory("trainscope-served-").FullName;
        try
        {
            var secret = Path.Combine(outside, "secret.log");
            File.WriteAllLines(secret, EpochLog.Lines(0, 3));
            var link = Path.Combine(served, "train.log");
            File.CreateSymbolicLink(link, secret);
            var linkedFolder = Path.Combine(served, "more");
            Directory.CreateSymbolicLink(linkedFolder, outside);

            SourceExcerpt.Read(new SourceInfo(0, link, "train.log"), [served], 1, 2).ShouldBeNull();
            SourceExcerpt.Read(new SourceInfo(1, Path.Combine(linkedFolder, "secret.log"), "more/secret.log"), [served], 1, 2).ShouldBeNull();
            SourceExcerpt.Read(new SourceInfo(2, Path.Combine(served, "..", Path.GetFileName(outside), "secret.log"), "x"), [served], 1, 2).ShouldBeNull();
            SourceExcerpt.Read(new SourceInfo(3, secret, "secret.log"), [outside], 1, 2).ShouldNotBeNull();
        }
        finally
        {
            Directory.Delete(served, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task A_served_folder_with_a_symlink_out_gives_no_excerpt_of_the_linked_file()
    {
        var outside = Directory.CreateTempSubdirectory("trainscope-outside-").FullName;
        var folder = Directory.CreateTempSubdirectory("trainscope-served-").FullName;
        File.WriteAllLines(Path.Combine(outside, "secret.log"), EpochLog.Lines(0, 3));
        File.CreateSymbolicLink(Path.Combine(folder, "train.log"), Path.Combine(outside, "secret.log"));
        await using var served = await ServedRun.Start(folder, token: null, kestrel: false);
        try
        {
            // The linked log is followed (its metrics are charted), but its text is never served.
            await served.WaitForPoints(3);
            var sources = JsonDocument.Parse(await served.Client().GetStringAsync("/api/runs/0")).RootElement.GetProperty("sources");
            sources.GetArrayLength().ShouldBe(1);
            var response = await served.Client().GetAsync("/api/runs/0/excerpt?source=0&line=1");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }
}
