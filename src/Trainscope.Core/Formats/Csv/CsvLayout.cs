using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>
/// A header's columns sorted once into the cells a row reads: which hold metrics, which position the row. A row whose
/// metric cells are all numbers is then handed over as a row of <see cref="Row"/>, whose names and phases are set once.
/// </summary>
internal sealed class CsvLayout
{
    public CsvLayout(CsvColumn[] columns)
    {
        Columns = columns;
        var metrics = new List<int>();
        var positions = new List<int>();
        for (var i = 0; i < columns.Length; i++)
        {
            switch (columns[i].Role)
            {
                case CsvColumnRole.Metric:
                    metrics.Add(i);
                    break;
                case CsvColumnRole.Ignored:
                    break;
                default:
                    positions.Add(i);
                    break;
            }
        }

        MetricCells = [.. metrics];
        PositionCells = [.. positions];
        if (MetricCells.Length > 0)
        {
            var values = MetricCells.Select(i => new MetricValue(columns[i].Name, columns[i].Phase, 0)).ToArray();
            Row = new ValueLayout(values, new bool[values.Length]);
        }
    }

    public CsvColumn[] Columns { get; }

    /// <summary>The metric columns' indices, in order.</summary>
    public int[] MetricCells { get; }

    /// <summary>The epoch, step, iteration and wall-time columns' indices, in order (a later one wins).</summary>
    public int[] PositionCells { get; }

    /// <summary>The layout of a row whose metric cells are all plain numbers, one cell each (none when there are no metric columns).</summary>
    public ValueLayout? Row { get; }
}
