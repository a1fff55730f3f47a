using System.CommandLine;
using Trainscope.Analysis;
using Trainscope.Cli.Presentation;
using Trainscope.Reporting.Charts;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope plot PATH`: charts of chosen metrics as SVG, HTML or PNG, or a braille chart in the terminal.</summary>
internal static class PlotCommand
{
    public static readonly Argument<string> Path = new("path") { Description = "A log file or run directory" };

    public static readonly Option<string[]> Metrics = new("--metric", "-m")
    {
        Description = "Metric to chart (repeatable; `eval/loss` picks one phase); default: the losses",
        AllowMultipleArgumentsPerToken = true,
    };

    public static readonly Option<double> Smooth = new("--smooth")
    {
        Description = "TensorBoard-style smoothing weight in [0, 1) (0.6 is TensorBoard's default); the raw curve is drawn faint behind",
        DefaultValueFactory = _ => 0,
    };

    public static readonly Option<string?> Output = new("--output", "-o") { Description = "Write the chart to FILE.svg, FILE.html or FILE.png" };

    public static readonly Option<string> Axis = new("--x")
    {
        Description = "What the x axis measures: step, epoch or time",
        DefaultValueFactory = _ => "step",
    };

    public static readonly Option<bool> LogY = new("--log-y") { Description = "Logarithmic y axis" };

    public static Command Create(CliIo io)
    {
        var command = new Command("plot", "Chart metrics of a run (what plot_loss_curves.py does), as SVG/HTML/PNG or in the terminal")
        {
            Path, Metrics, Smooth, Output, Axis, LogY, AnalysisFlags.Now,
        };
        command.SetAction(result => Run(io, result));
        return command;
    }

    private static int Run(CliIo io, ParseResult result)
    {
        var smooth = result.GetValue(Smooth);
        if (smooth is < 0 or >= 1 || !double.IsFinite(smooth))
        {
            throw new UserError(ExitCodes.Usage, $"--smooth must be in [0, 1), got {smooth}");
        }

        var axis = result.GetValue(Axis) switch
        {
            "step" => ChartAxis.Step,
            "epoch" => ChartAxis.Epoch,
            "time" => ChartAxis.Time,
            var other => throw new UserError(ExitCodes.Usage, $"--x must be step, epoch or time, got '{other}'"),
        };
        var runs = RunLoader.Load([result.GetValue(Path)!], null);
        var run = runs[0];
        var wanted = result.GetValue(Metrics) ?? [];
        var panels = ChartSelection.Select(run, wanted, axis);
        if (panels.Count == 0)
        {
            var available = string.Join(", ", ChartSelection.Available(run).Take(40));
            throw new UserError(ExitCodes.NothingRecognised, wanted.Length > 0
                ? $"no metric named {string.Join(", ", wanted)} in {run.Name}; it has: {available}"
                : $"{run.Name} has no series to chart");
        }

        var options = new ChartOptions { Smooth = smooth, LogY = result.GetValue(LogY), XLabel = result.GetValue(Axis)! };
        var output = result.GetValue(Output);
        if (output is null)
        {
            TerminalChart.Render(io.Console, panels, options);
            return ExitCodes.Ok;
        }

        var svg = SvgChart.Render(run.Name, panels, options);
        switch (System.IO.Path.GetExtension(output).ToLowerInvariant())
        {
            case ".svg":
                File.WriteAllText(output, svg);
                break;
            case ".html" or ".htm":
                File.WriteAllText(output, HtmlChartReport.Render(RunAnalysis.Analyze(run, AnalysisFlags.From(result)), svg));
                break;
            case ".png":
                PngRasteriser.Write(svg, output);
                break;
            default:
                throw new UserError(ExitCodes.Usage, $"-o {output}: the file name must end in .svg, .html or .png");
        }

        io.Error.WriteLine($"wrote {output}");
        return ExitCodes.Ok;
    }
}
