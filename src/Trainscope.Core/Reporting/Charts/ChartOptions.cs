namespace Trainscope.Reporting.Charts;

/// <summary>How a chart is drawn.</summary>
public sealed record ChartOptions
{
    public int Width { get; init; } = 1000;

    /// <summary>Height of one panel in pixels.</summary>
    public int PanelHeight { get; init; } = 300;

    /// <summary>TensorBoard-style smoothing weight in [0, 1); the raw series is drawn faint behind the smoothed one.</summary>
    public double Smooth { get; init; }

    public bool LogY { get; init; }

    public string XLabel { get; init; } = "step";
}
