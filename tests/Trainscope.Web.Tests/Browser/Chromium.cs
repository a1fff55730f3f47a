using Microsoft.Playwright;

namespace Trainscope.Web.Tests.Browser;

/// <summary>Headless Chromium from the system (`/usr/bin/chromium`, which .ci/run installs); Playwright's own download cannot work offline.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> Launch()
    {
        // Missing Chromium fails the test on purpose: CI installs it, so its absence is a broken machine, not a skip.
        File.Exists(ExecutablePath).ShouldBeTrue($"{ExecutablePath} is missing: apt-get install -y chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
