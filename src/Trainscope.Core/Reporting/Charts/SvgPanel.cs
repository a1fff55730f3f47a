using System.Globalization;
using System.Text;
using Trainscope.Records;

namespace Trainscope.Reporting.Charts;

/// <summary>Draws one panel: frame, ticks and grid, a line per series (raw faint behind smoothed), NaN markers, legend.</summary>
internal static class SvgPanel
{
    private const int MaxMarkers = 200;
    private const double Left = 56;
    private const double Right = 14;
    private const double Top = 44;
    private const double Bottom = 30;

    public static void Render(StringBuilder svg, ChartPanel panel, PanelBox box, ChartOptions options, string[] palette)
    {
        var smoothed = panel.Series.Select(s => options.Smooth > 0 ? Smoothing.DebiasedEma(s.Y, options.Smooth) : s.Y).ToArray();
        var scale = PanelScale.Fit(panel.Series, smoothed, options.LogY,
            new PanelBox(box.X + Left, box.Y + Top, box.Width - Left - Right, box.Height - Top - Bottom));
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"panel\">\n<rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.Width)}\" height=\"{F(box.Height)}\" fill=\"#fff\" stroke=\"#ddd\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(box.X + 10)}\" y=\"{F(box.Y + 18)}\" font-size=\"13\" font-weight=\"600\" fill=\"#222\">{Xml.Escape(panel.Title)}</text>\n");
        Ticks(svg, scale, options);
        for (var i = 0; i < panel.Series.Count; i++)
        {
            var colour = palette[i % palette.Length];
            var dash = panel.Series[i].Phase == Phase.Train ? "" : " stroke-dasharray=\"5 3\"";
            if (options.Smooth > 0)
            {
                Line(svg, panel.Series[i].X, panel.Series[i].Y, scale, colour, $" stroke-opacity=\"0.25\"{dash}");
            }

            Line(svg, panel.Series[i].X, smoothed[i], scale, colour, dash);
            Markers(svg, panel.Series[i], scale);
        }

        Legend(svg, panel, smoothed, box, palette);
        svg.Append("</g>\n");
    }

    private static void Ticks(StringBuilder svg, PanelScale scale, ChartOptions options)
    {
        var area = scale.Area;
        foreach (var t in options.LogY ? AxisTicks.Log(scale.YMin, scale.YMax) : AxisTicks.Linear(scale.YMin, scale.YMax))
        {
            var y = scale.Y(t);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(area.X)}\" x2=\"{F(area.X + area.Width)}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eee\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(area.X - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\" fill=\"#666\">{Xml.Escape(AxisTicks.Label(t))}</text>\n");
        }

        var bottom = area.Y + area.Height;
        foreach (var t in AxisTicks.Linear(scale.XMin, scale.XMax, 6))
        {
            var x = scale.X(t);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{F(area.Y)}\" y2=\"{F(bottom)}\" stroke=\"#f3f3f3\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(bottom + 14)}\" text-anchor=\"middle\" fill=\"#666\">{Xml.Escape(AxisTicks.Label(t))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(area.X)}\" x2=\"{F(area.X + area.Width)}\" y1=\"{F(bottom)}\" y2=\"{F(bottom)}\" stroke=\"#999\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(area.X)}\" x2=\"{F(area.X)}\" y1=\"{F(area.Y)}\" y2=\"{F(bottom)}\" stroke=\"#999\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(area.X + area.Width)}\" y=\"{F(bottom + 26)}\" text-anchor=\"end\" fill=\"#888\">{Xml.Escape(options.XLabel)}</text>\n");
    }

    private static void Line(StringBuilder svg, double[] xs, double[] ys, PanelScale scale, string colour, string extra)
    {
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!scale.Drawable(ys[i]))
            {
                pen = false; // a gap, so a NaN is not bridged by a line
                continue;
            }

            path.Append(pen ? 'L' : 'M').Append(F(scale.X(xs[i]))).Append(' ').Append(F(scale.Y(ys[i])));
            pen = true;
        }

        if (path.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-linejoin=\"round\"{extra}/>\n");
        }
    }

    private static void Markers(StringBuilder svg, ChartSeries series, PanelScale scale)
    {
        var drawn = 0;
        for (var i = 0; i < series.Y.Length && drawn < MaxMarkers; i++)
        {
            if (double.IsFinite(series.Y[i]))
            {
                continue;
            }

            var x = scale.X(series.X[i]);
            var top = scale.Area.Y;
            var what = double.IsNaN(series.Y[i]) ? "NaN" : series.Y[i] > 0 ? "+Inf" : "-Inf";
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"nonfinite\" d=\"M{F(x)} {F(top + 7)}L{F(x - 4)} {F(top)}L{F(x + 4)} {F(top)}Z\" fill=\"#d62728\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{Xml.Escape(series.Label)}: {what} at {AxisTicks.Label(series.X[i])}</title></path>\n");
            drawn++;
        }
    }

    private static void Legend(StringBuilder svg, ChartPanel panel, double[][] smoothed, PanelBox box, string[] palette)
    {
        var x = box.X + 10;
        var y = box.Y + 34;
        for (var i = 0; i < panel.Series.Count; i++)
        {
            var s = panel.Series[i];
            var last = LastFinite(smoothed[i]);
            var text = last is double v ? $"{s.Label} {AxisTicks.Label(v)}" : s.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(y - 8)}\" width=\"10\" height=\"3\" fill=\"{palette[i % palette.Length]}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 14)}\" y=\"{F(y - 3)}\" fill=\"#444\">{Xml.Escape(text)}</text>\n");
            x += 26 + text.Length * 6.2;
            if (x > box.X + box.Width - 120)
            {
                break;
            }
        }
    }

    private static double? LastFinite(double[] values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (double.IsFinite(values[i]))
            {
                return values[i];
            }
        }

        return null;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
