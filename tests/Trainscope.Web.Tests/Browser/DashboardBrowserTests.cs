using Microsoft.Playwright;
using Trainscope.Web.Tests.Support;

namespace Trainscope.Web.Tests.Browser;

public sealed class DashboardBrowserTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Hostile = " - <script>window.__pwned=1</script>: 0.3 - \"><img src=x onerror=window.__pwned=2>: 0.1";

    [Fact]
    public async Task The_run_page_draws_charts_and_follows_appended_lines_live()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 400, extra: Extra), kestrel: true);
        await served.WaitForPoints(400);
        var (playwright, browser) = await Chromium.Launch();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 }, ColorScheme = ColorScheme.Dark });
                var problems = Problems(page);
                await page.GotoAsync($"{served.Url}/#/run/0");
                var losses = page.Locator(".chart").Filter(new LocatorFilterOptions { HasText = "losses" });
                await Assertions.Expect(losses.Locator("canvas")).ToBeVisibleAsync();
                await Assertions.Expect(losses.Locator(".legend")).ToContainTextAsync("loss");
                await Assertions.Expect(losses.Locator(".legend")).ToContainTextAsync("eval/loss");
                (await losses.GetAttributeAsync("data-total")).ShouldBe("408");
                await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(6);

                var appended = System.Diagnostics.Stopwatch.StartNew();
                await served.Append(EpochLog.Lines(400, 460));
                await Assertions.Expect(losses).ToHaveAttributeAsync("data-total", "468", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5000 });
                output.WriteLine($"append to chart: {appended.ElapsedMilliseconds} ms");

                var shot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false });
                Save("dashboard.png", shot, docs: true);

                // Select-to-zoom asks the server for the detail of the selected range.
                var box = (await losses.Locator(".u-over").BoundingBoxAsync())!;
                var zoomed = page.WaitForRequestAsync(r => r.Url.Contains("from=", StringComparison.Ordinal));
                await page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), box.Y + (box.Height / 2));
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(box.X + (box.Width * 0.6f), box.Y + (box.Height / 2), new MouseMoveOptions { Steps = 5 });
                await page.Mouse.UpAsync();
                await zoomed;

                // Every x axis draws.
                foreach (var axis in new[] { "epoch", "time", "relative" })
                {
                    await page.SelectOptionAsync("select[aria-label='x axis']", axis);
                    await Assertions.Expect(losses.Locator("canvas")).ToBeVisibleAsync();
                    (await losses.GetAttributeAsync("data-points")).ShouldNotBe("0", axis);
                }

                problems.ShouldBeEmpty();
            }
        }
    }

    [Fact]
    public async Task Hostile_metric_names_and_log_lines_are_shown_as_text_and_never_run()
    {
        // Served with a token: the first address carries it, later pages and the event stream pass on the cookie.
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 30, extra: _ => Hostile), token: "browser-token", kestrel: true);
        await served.WaitForPoints(30);
        var (playwright, browser) = await Chromium.Launch();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 700 } });
                var problems = Problems(page);
                await page.GotoAsync($"{served.Url}/?token=browser-token#/run/0");
                await Assertions.Expect(page.Locator(".legend").First).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
                await Assertions.Expect(page.Locator("body")).ToContainTextAsync("<script>window.__pwned=1</script>");
                await page.GotoAsync($"{served.Url}/#/compare");
                await Assertions.Expect(page.Locator("canvas").First).ToBeVisibleAsync();
                Save("compare.png", await page.ScreenshotAsync());
                await page.GotoAsync($"{served.Url}/#/");
                await Assertions.Expect(page.Locator("table.runs")).ToContainTextAsync("trainscope-web-");
                Save("runs.png", await page.ScreenshotAsync());
                problems.ShouldBeEmpty();

                (await page.EvaluateAsync<bool>("() => window.__pwned === undefined")).ShouldBeTrue();
                (await page.Locator("img").CountAsync()).ShouldBe(0);
            }
        }
    }

    [Fact]
    public async Task A_finding_opens_its_log_lines_as_text_even_when_they_hold_markup()
    {
        var folder = Directory.CreateTempSubdirectory("trainscope-web-").FullName;
        foreach (var file in Directory.GetFiles(TestPaths.Fixture("multi-rank/crash-nccl-timeout")))
        {
            var text = await File.ReadAllTextAsync(file);
            text = text.Replace("ValueError: cannot reshape", "ValueError: <img src=x onerror=window.__pwned=3> \"><script>window.__pwned=4</script> cannot reshape", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), text);
        }

        await using var served = await ServedRun.Start(folder, token: null, kestrel: true);
        var (playwright, browser) = await Chromium.Launch();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
                await page.GotoAsync($"{served.Url}/#/run/0");
                await Assertions.Expect(page.Locator("table.ranks")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator(".run-head")).ToContainTextAsync("crashed");
                var finding = page.Locator(".finding").Filter(new LocatorFilterOptions { HasText = "rank-error" }).First;
                await finding.ClickAsync();

                var excerpt = page.Locator(".excerpt pre");
                await Assertions.Expect(excerpt).ToContainTextAsync("<img src=x onerror=window.__pwned=3>");
                await Assertions.Expect(excerpt.Locator(".hit")).ToContainTextAsync("Traceback");
                (await page.EvaluateAsync<bool>("() => window.__pwned === undefined")).ShouldBeTrue();
                (await page.Locator("img").CountAsync()).ShouldBe(0);
                Save("crashed-run.png", await page.ScreenshotAsync());
            }
        }
    }

    /// <summary>Console errors and uncaught exceptions, CSP violations included, collected while the page runs.</summary>
    private static List<string> Problems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }

    // Enough metrics for every chart group the epoch-progress shape can carry, and an eval loss every 50 batches.
    private static string Extra(long i)
    {
        var fields = $" - Grad Norm: {1.2 + Math.Sin(i * 0.3) * 0.3 + (i == 230 ? 6 : 0):0.000} - Samples/s: {410 + (Math.Cos(i * 0.11) * 25):0.0} - Max Mem: {10240 + (i % 40):0}";
        return i % 50 == 49 ? fields + $" - val_loss: {1.8 / (1 + (i * 0.008)):0.0000} - val_acc: {0.5 + (0.4 * i / (i + 200.0)):0.0000}" : fields;
    }

    private static void Save(string name, byte[] png, bool docs = false)
    {
        // Kept as a test artifact, and in docs/ when the run asks for a fresh picture for the README.
        var artifacts = Path.Combine(TestPaths.RepoRoot, "artifacts", "web");
        Directory.CreateDirectory(artifacts);
        File.WriteAllBytes(Path.Combine(artifacts, name), png);
        if (docs && Environment.GetEnvironmentVariable("TRAINSCOPE_UPDATE_SCREENSHOT") == "1")
        {
            File.WriteAllBytes(Path.Combine(TestPaths.RepoRoot, "docs", "images", name), png);
        }
    }
}
