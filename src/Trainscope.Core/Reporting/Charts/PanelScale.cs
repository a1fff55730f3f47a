namespace Trainscope.Reporting.Charts;

/// <summary>Maps data to pixels inside a panel's plot area, linear in x and linear or logarithmic in y.</summary>
public sealed class PanelScale
{
    private PanelScale(PanelBox area, double xMin, double xMax, double yMin, double yMax, bool logY)
    {
        Area = area;
        XMin = xMin;
        XMax = xMax;
        YMin = yMin;
        YMax = yMax;
        LogY = logY;
    }

    public PanelBox Area { get; }
    public double XMin { get; }
    public double XMax { get; }
    public double YMin { get; }
    public double YMax { get; }
    public bool LogY { get; }

    public static PanelScale Fit(IReadOnlyList<ChartSeries> series, double[][] smoothed, bool logY, PanelBox area)
    {
        var xMin = double.PositiveInfinity;
        var xMax = double.NegativeInfinity;
        var yMin = double.PositiveInfinity;
        var yMax = double.NegativeInfinity;
        for (var i = 0; i < series.Count; i++)
        {
            foreach (var x in series[i].X)
            {
                xMin = Math.Min(xMin, x);
                xMax = Math.Max(xMax, x);
            }

            foreach (var values in (double[][])[series[i].Y, smoothed[i]])
            {
                foreach (var y in values)
                {
                    if (double.IsFinite(y) && (!logY || y > 0))
                    {
                        yMin = Math.Min(yMin, y);
                        yMax = Math.Max(yMax, y);
                    }
                }
            }
        }

        if (!double.IsFinite(xMin))
        {
            (xMin, xMax) = (0, 1);
        }
        else if (xMax <= xMin)
        {
            (xMin, xMax) = (xMin - 1, xMax + 1);
        }

        if (!double.IsFinite(yMin))
        {
            (yMin, yMax) = logY ? (1, 10) : (0, 1);
        }
        else if (logY)
        {
            (yMin, yMax) = yMax <= yMin ? (yMin / 2, yMax * 2) : (yMin / 1.1, yMax * 1.1);
        }
        else
        {
            var pad = yMax > yMin ? (yMax - yMin) * 0.05 : Math.Max(Math.Abs(yMin) * 0.1, 1e-9);
            (yMin, yMax) = (yMin - pad, yMax + pad);
        }

        return new PanelScale(area, xMin, xMax, yMin, yMax, logY);
    }

    /// <summary>True when the value can be placed on the y axis (finite, and positive on a log scale).</summary>
    public bool Drawable(double y) => double.IsFinite(y) && (!LogY || y > 0);

    public double X(double x) => Area.X + (x - XMin) / (XMax - XMin) * Area.Width;

    public double Y(double y)
    {
        var t = LogY ? (Math.Log10(y) - Math.Log10(YMin)) / (Math.Log10(YMax) - Math.Log10(YMin)) : (y - YMin) / (YMax - YMin);
        return Area.Y + (1 - t) * Area.Height;
    }
}
