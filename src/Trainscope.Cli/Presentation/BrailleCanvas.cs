namespace Trainscope.Cli.Presentation;

/// <summary>A grid of terminal cells drawn as 2×4 braille dots each, with one colour per cell (the last pen wins).</summary>
internal sealed class BrailleCanvas
{
    // Bit of each dot in a braille cell, indexed [column, row] (Unicode braille patterns, U+2800 block).
    private static readonly int[,] Bits = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };
    private readonly int[,] _dots;
    private readonly int[,] _pens;

    public BrailleCanvas(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        _dots = new int[columns, rows];
        _pens = new int[columns, rows];
    }

    public int Columns { get; }
    public int Rows { get; }
    public int DotWidth => Columns * 2;
    public int DotHeight => Rows * 4;

    public void Set(int x, int y, int pen)
    {
        if (x < 0 || y < 0 || x >= DotWidth || y >= DotHeight)
        {
            return;
        }

        _dots[x / 2, y / 4] |= Bits[x % 2, y % 4];
        _pens[x / 2, y / 4] = pen;
    }

    /// <summary>A straight line of dots between two points (Bresenham).</summary>
    public void Line(int x0, int y0, int x1, int y1, int pen)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        var err = dx + dy;
        for (var guard = 0; guard < 100_000; guard++)
        {
            Set(x0, y0, pen);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var e2 = 2 * err;
            if (e2 >= dy)
            {
                err += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                err += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>The character and pen of a cell; a blank cell is a space with pen -1.</summary>
    public (char Glyph, int Pen) Cell(int column, int row)
        => _dots[column, row] == 0 ? (' ', -1) : ((char)(0x2800 + _dots[column, row]), _pens[column, row]);
}
