namespace Trainscope.Formats.Generic;

/// <summary>How often one line shape was seen, and whether it has been confirmed as a family of metric lines.</summary>
internal struct ShapeCount
{
    public int Lines;
    public bool Confirmed;
    /// <summary>A hash of the first line's values.</summary>
    public ulong Values;

    /// <summary>The values changed at least once (a config key repeated in several sections does not).</summary>
    public bool Varied;
}

/// <summary>
/// Counters per line shape, bounded: when full, shapes seen once are forgotten first, then every unconfirmed one;
/// confirmed families are kept. A shape that finds no room is not tracked, so it never becomes metrics.
/// </summary>
internal sealed class ShapeTable
{
    public const int MaxShapes = 2048;
    private readonly Dictionary<ulong, ShapeCount> _shapes = [];

    public int Count => _shapes.Count;

    /// <summary>The counter of <paramref name="shape"/>, added if there is room; false when the table is full of confirmed shapes.</summary>
    public bool TryGet(ulong shape, out ShapeCount count)
    {
        if (_shapes.TryGetValue(shape, out count))
        {
            return true;
        }

        if (_shapes.Count >= MaxShapes && !Evict())
        {
            return false;
        }

        count = default;
        return true;
    }

    public void Set(ulong shape, in ShapeCount count) => _shapes[shape] = count;

    private bool Evict()
    {
        foreach (var (shape, count) in _shapes)
        {
            if (!count.Confirmed && count.Lines <= 1)
            {
                _shapes.Remove(shape);
            }
        }

        if (_shapes.Count < MaxShapes)
        {
            return true;
        }

        foreach (var (shape, count) in _shapes)
        {
            if (!count.Confirmed)
            {
                _shapes.Remove(shape);
            }
        }

        return _shapes.Count < MaxShapes;
    }
}
