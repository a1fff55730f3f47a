namespace Trainscope.Analysis.Doctor;

/// <summary>
/// The median of the last <c>n</c> values of a sequence as it slides forward, kept sorted so each step costs one
/// binary search and one shift instead of a sort: the spike rule asks for it at every point of every loss series.
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private readonly double[] _sorted;
    private int _start;

    public RollingWindow(double[] values, int start, int length)
    {
        _values = values;
        _sorted = new double[length];
        Reset(start);
    }

    /// <summary>The window now covers values[Start .. Start + length).</summary>
    public int Start => _start;

    public double Median
    {
        get
        {
            var n = _sorted.Length;
            return n % 2 == 1 ? _sorted[n / 2] : (_sorted[(n / 2) - 1] + _sorted[n / 2]) / 2;
        }
    }

    /// <summary>Moves the window to start at <paramref name="start"/>: one step is a slide, anything else a re-sort.</summary>
    public void MoveTo(int start)
    {
        if (start == _start + 1)
        {
            Slide();
        }
        else if (start != _start)
        {
            Reset(start);
        }
    }

    private void Reset(int start)
    {
        _start = start;
        Array.Copy(_values, start, _sorted, 0, _sorted.Length);
        Array.Sort(_sorted);
    }

    private void Slide()
    {
        var leaving = _values[_start];
        var entering = _values[_start + _sorted.Length];
        _start++;
        var at = Array.BinarySearch(_sorted, leaving);
        if (at < 0)
        {
            Reset(_start); // not found only if a value changed under us; stay correct
            return;
        }

        // Remove `leaving`, then insert `entering` keeping the order.
        Array.Copy(_sorted, at + 1, _sorted, at, _sorted.Length - at - 1);
        var insert = Array.BinarySearch(_sorted, 0, _sorted.Length - 1, entering);
        if (insert < 0)
        {
            insert = ~insert;
        }

        Array.Copy(_sorted, insert, _sorted, insert + 1, _sorted.Length - 1 - insert);
        _sorted[insert] = entering;
    }
}
