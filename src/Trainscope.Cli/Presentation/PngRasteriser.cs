using System.Diagnostics;

namespace Trainscope.Cli.Presentation;

/// <summary>Turns an SVG into a PNG with a headless Chromium found on the machine; says how to get one when there is none.</summary>
internal static class PngRasteriser
{
    private static readonly string[] Candidates =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static void Write(string svg, string output)
    {
        var browser = Environment.GetEnvironmentVariable("TRAINSCOPE_CHROMIUM") is { Length: > 0 } set ? set : Candidates.FirstOrDefault(File.Exists)
            ?? throw new UserError(ExitCodes.Usage, "PNG output needs a headless Chromium (apt-get install chromium, or set TRAINSCOPE_CHROMIUM); -o FILE.svg works without it");
        var (width, height) = Size(svg);
        var work = Directory.CreateTempSubdirectory("trainscope-png-");
        try
        {
            var page = System.IO.Path.Combine(work.FullName, "chart.svg");
            File.WriteAllText(page, svg);
            var target = System.IO.Path.GetFullPath(output);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={System.IO.Path.Combine(work.FullName, "profile")}",
                $"--window-size={width},{height}", $"--screenshot={target}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new UserError(ExitCodes.Usage, $"cannot start {browser}");
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new UserError(ExitCodes.Usage, $"{browser} did not finish the PNG within 60 s");
            }

            if (!File.Exists(target))
            {
                throw new UserError(ExitCodes.Usage, $"{browser} wrote no PNG: {errors.Result.Trim()}");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The width and height attributes of the root element, which <see cref="Reporting.Charts.SvgChart"/> always writes.</summary>
    private static (int Width, int Height) Size(string svg)
    {
        static int Attribute(string svg, string name)
        {
            var at = svg.IndexOf($" {name}=\"", StringComparison.Ordinal);
            var start = at + name.Length + 3;
            var end = at < 0 ? -1 : svg.IndexOf('"', start);
            return end > start && int.TryParse(svg.AsSpan(start, end - start), out var value) ? value : 1000;
        }

        return (Attribute(svg, "width"), Attribute(svg, "height"));
    }
}
