using System.Xml.Linq;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public sealed class PlotCommandTests : IDisposable
{
    private static readonly string Log = Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "plot", "noisy_epochs.log");
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("trainscope-plot-");

    public void Dispose() => _out.Delete(recursive: true);

    private string Output(string name) => Path.Combine(_out.FullName, name);

    [Fact]
    public void An_svg_has_one_panel_per_metric_and_marks_the_nan()
    {
        var file = Output("chart.svg");
        var result = CliRunner.Run("plot", Log, "-m", "loss", "lr", "--smooth", "0.6", "-o", file);
        result.ExitCode.ShouldBe(0, result.Error);
        var svg = XDocument.Load(file);
        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Descendants(ns + "g").Count(g => g.Attribute("class")?.Value == "panel").ShouldBe(2);
        svg.Descendants(ns + "path").Count(p => p.Attribute("class")?.Value == "nonfinite").ShouldBe(1);
    }

    [Fact]
    public void The_default_chart_is_the_losses()
    {
        var file = Output("default.svg");
        CliRunner.Run("plot", Log, "-o", file).ExitCode.ShouldBe(0);
        var titles = XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "text" && e.Attribute("font-size")?.Value == "13")
            .Select(e => e.Value).ToArray();
        titles.ShouldBe(["loss"]);
    }

    [Fact]
    public void An_html_report_stands_alone_with_the_chart_and_the_metrics_table()
    {
        var file = Output("report.html");
        CliRunner.Run("plot", Log, "-o", file).ExitCode.ShouldBe(0);
        var html = File.ReadAllText(file);
        html.ShouldContain("<svg");
        html.ShouldContain("<h2>Metrics</h2>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("src=\"http");
    }

    [Fact]
    public void A_png_is_rasterised_by_headless_chromium()
    {
        var file = Output("chart.png");
        var result = CliRunner.Run("plot", Log, "-o", file);
        result.ExitCode.ShouldBe(0, result.Error);
        var bytes = File.ReadAllBytes(file);
        bytes.Length.ShouldBeGreaterThan(2000);
        bytes.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
    }

    [Fact]
    public void Without_an_output_file_a_braille_chart_is_drawn_in_the_terminal()
    {
        var result = CliRunner.Run("plot", Log);
        result.ExitCode.ShouldBe(0, result.Error);
        result.Console.ShouldContain("loss");
        result.Console.Count(c => c >= '\u2801' && c <= '\u28FF').ShouldBeGreaterThan(50);
    }

    [Fact]
    public void An_unknown_metric_names_the_ones_the_run_has()
    {
        var result = CliRunner.Run("plot", Log, "-m", "accuracy");
        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("lr");
    }

    [Theory]
    [InlineData("--smooth", "1.5")]
    [InlineData("--x", "furlongs")]
    public void Bad_options_are_usage_errors(string option, string value)
        => CliRunner.Run("plot", Log, option, value).ExitCode.ShouldBe(2);

    [Fact]
    public void An_unknown_output_extension_is_a_usage_error()
        => CliRunner.Run("plot", Log, "-o", Output("chart.bmp")).ExitCode.ShouldBe(2);
}
