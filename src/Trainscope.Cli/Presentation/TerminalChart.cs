using System.Text;
using Spectre.Console;
using Trainscope.Reporting.Charts;

namespace Trainscope.Cli.Presentation;

/// <summary>Draws chart panels in the terminal as braille line charts, one per metric, with a legend and axis ranges.</summary>
internal static class TerminalChart
{
    private const int Rows = 10;
    private const int Gutter = 10;
    private static readonly string[] Colours = ["blue", "darkorange", "green", "red", "purple", "yellow", "fuchsia", "grey"];

    public static void Render(IAnsiConsole console, IReadOnlyList<ChartPanel> panels, ChartOptions options)
    {
        var columns = Math.Clamp(console.Profile.Width - Gutter - 2, 20, 200);
        foreach (var panel in panels)
        {
            var smoothed = panel.Series.Select(s => options.Smooth > 0 ? Smoothing.DebiasedEma(s.Y, options.Smooth) : s.Y).ToArray();
            var canvas = new BrailleCanvas(columns, Rows);
            var scale = PanelScale.Fit(panel.Series, smoothed, options.LogY, new PanelBox(0, 0, canvas.DotWidth - 1, canvas.DotHeight - 1));
            for (var i = 0; i < panel.Series.Count; i++)
            {
                Draw(canvas, panel.Series[i].X, smoothed[i], scale, i);
            }

            console.MarkupLine($"[bold]{Markup.Escape(panel.Title)}[/]  " + string.Join("  ", panel.Series.Select((s, i) =>
                $"[{Colours[i % Colours.Length]}]━[/] {Markup.Escape(s.Label)}")));
            for (var row = 0; row < Rows; row++)
            {
                var label = row == 0 ? AxisTicks.Label(scale.YMax) : row == Rows - 1 ? AxisTicks.Label(scale.YMin) : "";
                console.MarkupLine(Markup.Escape(label.PadLeft(Gutter - 1)) + " [grey]│[/]" + RowMarkup(canvas, row));
            }

            var low = AxisTicks.Label(scale.XMin);
            var high = AxisTicks.Label(scale.XMax);
            console.MarkupLine(new string(' ', Gutter) + "[grey]└" + new string('─', columns) + "[/]");
            console.MarkupLine(Markup.Escape(new string(' ', Gutter + 1) + low + high.PadLeft(Math.Max(1, columns - low.Length)) + "  " + options.XLabel));
        }
    }

    private static void Draw(BrailleCanvas canvas, double[] xs, double[] ys, PanelScale scale, int pen)
    {
        (int X, int Y)? previous = null;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!scale.Drawable(ys[i]))
            {
                previous = null;
                continue;
            }

            var point = ((int)Math.Round(scale.X(xs[i])), (int)Math.Round(scale.Y(ys[i])));
            if (previous is { } p)
            {
                canvas.Line(p.X, p.Y, point.Item1, point.Item2, pen);
            }
            else
            {
                canvas.Set(point.Item1, point.Item2, pen);
            }

            previous = point;
        }
    }

    private static string RowMarkup(BrailleCanvas canvas, int row)
    {
        var text = new StringBuilder();
        for (var column = 0; column < canvas.Columns; column++)
        {
            var (glyph, pen) = canvas.Cell(column, row);
            text.Append(pen < 0 ? " " : $"[{Colours[pen % Colours.Length]}]{glyph}[/]");
        }

        return text.ToString();
    }
}
