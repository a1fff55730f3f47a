using System.Globalization;
using System.Text;

namespace Trainscope.Reporting.Charts;

/// <summary>Renders chart panels as one SVG document: a grid of small multiples, one metric each, phases overlaid.</summary>
public static class SvgChart
{
    // matplotlib's tab10 colours: distinguishable, and familiar from the plots users make by hand.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private const int Gap = 16;
    private const int TitleHeight = 40;

    public static string Render(string title, IReadOnlyList<ChartPanel> panels, ChartOptions options)
    {
        var columns = panels.Count > 1 ? 2 : 1;
        var rows = (panels.Count + columns - 1) / columns;
        var panelWidth = (options.Width - Gap * (columns + 1)) / columns;
        var height = TitleHeight + rows * (options.PanelHeight + Gap) + Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{options.Width}\" height=\"{height}\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {options.Width} {height}\" font-family=\"system-ui, -apple-system, Segoe UI, sans-serif\" font-size=\"11\">\n")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Gap}\" y=\"26\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">{Xml.Escape(title)}</text>\n");
        for (var i = 0; i < panels.Count; i++)
        {
            var x = Gap + i % columns * (panelWidth + Gap);
            var y = TitleHeight + i / columns * (options.PanelHeight + Gap);
            SvgPanel.Render(svg, panels[i], new PanelBox(x, y, panelWidth, options.PanelHeight), options, Palette);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }
}

/// <summary>Where a panel sits in the document.</summary>
public readonly record struct PanelBox(double X, double Y, double Width, double Height);

/// <summary>XML text escaping for everything that came from a log (metric and run names are untrusted).</summary>
internal static class Xml
{
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default:
                    // Control characters are not allowed in XML 1.0 at all.
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }
}
