using System.Xml.Linq;
using Trainscope.Records;
using Trainscope.Reporting.Charts;

namespace Trainscope.Tests.Reporting.Charts;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static ChartPanel Panel(string name, params double[] ys)
        => new(name, [new ChartSeries(name, Phase.Train, null, ys.Select((_, i) => (double)i * 10).ToArray(), ys)]);

    [Fact]
    public void The_chart_is_well_formed_svg_with_a_line_per_series()
    {
        var panel = new ChartPanel("loss",
        [
            new ChartSeries("loss", Phase.Train, null, [0, 10, 20], [3, 2, 1]),
            new ChartSeries("loss", Phase.Eval, null, [10, 20], [2.5, 2.2]),
        ]);
        var doc = XDocument.Parse(SvgChart.Render("run", [panel], new ChartOptions()));
        doc.Root!.Name.ShouldBe(Svg + "svg");
        doc.Descendants(Svg + "path").Count(p => p.Attribute("fill")?.Value == "none").ShouldBe(2);
        doc.Descendants(Svg + "text").Select(t => t.Value).ShouldContain(t => t.StartsWith("loss (eval)"));
    }

    [Fact]
    public void Smoothing_draws_the_raw_line_faint_behind_the_smoothed_one()
    {
        var doc = XDocument.Parse(SvgChart.Render("run", [Panel("loss", 3, 1, 2, 1)], new ChartOptions { Smooth = 0.6 }));
        var lines = doc.Descendants(Svg + "path").Where(p => p.Attribute("fill")?.Value == "none").ToArray();
        lines.Length.ShouldBe(2);
        lines[0].Attribute("stroke-opacity")!.Value.ShouldBe("0.25");
    }

    [Fact]
    public void Non_finite_values_break_the_line_and_get_a_marker()
    {
        var doc = XDocument.Parse(SvgChart.Render("run", [Panel("loss", 1, 2, double.NaN, 2, 1)], new ChartOptions()));
        doc.Descendants(Svg + "path").Count(p => p.Attribute("class")?.Value == "nonfinite").ShouldBe(1);
        var line = doc.Descendants(Svg + "path").Single(p => p.Attribute("fill")?.Value == "none").Attribute("d")!.Value;
        line.Count(c => c == 'M').ShouldBe(2);
    }

    [Fact]
    public void Names_from_logs_are_escaped()
    {
        var svg = SvgChart.Render("<script>alert(1)</script>", [Panel("\"><img src=x onerror=alert(1)>", 1, 2)], new ChartOptions());
        svg.ShouldNotContain("<script>");
        svg.ShouldNotContain("<img");
        XDocument.Parse(svg).Descendants(Svg + "text").First().Value.ShouldBe("<script>alert(1)</script>");
    }

    [Fact]
    public void A_log_scale_skips_values_that_are_not_positive()
    {
        var doc = XDocument.Parse(SvgChart.Render("run", [Panel("lr", 0, 1e-3, 1e-4, 1e-5)], new ChartOptions { LogY = true }));
        var line = doc.Descendants(Svg + "path").Single(p => p.Attribute("fill")?.Value == "none").Attribute("d")!.Value;
        line.Count(c => c is 'M' or 'L').ShouldBe(3);
    }
}
