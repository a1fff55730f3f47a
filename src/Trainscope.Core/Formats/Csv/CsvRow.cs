using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>
/// The cells of one data row, parsed once into reused arrays: the position columns can sit anywhere in the row
/// (`step,epoch,…` or `epoch,step,…`), so every cell is read before the first sample is sent.
/// </summary>
internal sealed class CsvRow
{
    private readonly CsvLayout _layout;
    private readonly CsvValueKind[] _kinds;
    private readonly double[] _values;
    private readonly double[] _averages;
    private readonly MetricValue[] _someValues;
    private readonly double[] _rowCells;
    private DateTime? _timestamp;

    public CsvRow(CsvColumn[] columns)
    {
        _layout = new CsvLayout(columns);
        _kinds = new CsvValueKind[columns.Length];
        _values = new double[columns.Length];
        _averages = new double[columns.Length];
        _someValues = new MetricValue[_layout.MetricCells.Length];
        _rowCells = new double[_layout.MetricCells.Length];
    }

    /// <summary>Numeric cells in the row last split.</summary>
    public int Numbers { get; private set; }

    /// <summary>Splits <paramref name="text"/>; false when it does not have one cell per column.</summary>
    public bool Split(ReadOnlySpan<byte> text, byte separator)
    {
        // One pass reads each cell as a plain decimal while looking for the separator; a cell that turns out to be
        // something else (padding, `nan`, `1e-05`, `0.5 (0.6)`, text) is cut at its separator and read the general way.
        // A plain decimal holds no quote, so only such a cell can open one: the row is then read by the quoting splitter.
        _timestamp = null;
        var columns = _kinds.Length;
        var n = 0;
        var numbers = 0;
        var i = 0;
        while (true)
        {
            if (n == columns)
            {
                Numbers = numbers;
                return false;
            }

            var start = i;
            if (PlainDecimal.TryScan(text, ref i, out _values[n]) && (i == text.Length || text[i] == separator))
            {
                _kinds[n] = CsvValueKind.Number;
                numbers++;
            }
            else
            {
                var end = text[start..].IndexOf(separator);
                i = end < 0 ? text.Length : start + end;
                var cell = text[start..i].Trim(" \t"u8);
                if (!cell.IsEmpty && cell[0] == (byte)'"')
                {
                    return SplitQuoted(text, separator);
                }

                numbers += ReadCell(cell, n) ? 1 : 0;
            }

            n++;
            if (i >= text.Length)
            {
                break;
            }

            i++;
        }

        Numbers = numbers;
        return n == columns;
    }

    private bool SplitQuoted(ReadOnlySpan<byte> text, byte separator)
    {
        _timestamp = null;
        var cells = new CsvCells(text, separator);
        var n = 0;
        var numbers = 0;
        while (cells.TryNext(out var cell))
        {
            if (n == _kinds.Length)
            {
                Numbers = numbers;
                return false;
            }

            numbers += ReadCell(cell, n++) ? 1 : 0;
        }

        Numbers = numbers;
        return n == _kinds.Length;
    }

    /// <summary>Reads one trimmed cell into slot <paramref name="n"/>; true when it is a number.</summary>
    private bool ReadCell(ReadOnlySpan<byte> cell, int n)
    {
        var kind = CsvValue.Read(cell, out _values[n], out _averages[n]);
        _kinds[n] = kind;
        if (kind == CsvValueKind.Text && _timestamp is null && Timestamps.TryParse(cell, out var time, out _))
        {
            _timestamp = time;
        }

        return kind is CsvValueKind.Number or CsvValueKind.NumberWithAverage;
    }

    /// <summary>Sends one sample per numeric metric cell, all carrying the row's position.</summary>
    public void Emit(in LogLine line, IRecordSink sink)
    {
        var sample = new MetricSample
        {
            Source = line.Source,
            Rank = line.Source.Rank,
            Line = line.Number,
            Offset = line.Offset,
            Kind = SampleKind.Point,
        };
        ReadPosition(ref sample);

        var cells = _layout.MetricCells;
        if (_layout.Row is not { } row)
        {
            return;
        }

        for (var k = 0; k < cells.Length; k++)
        {
            var cell = cells[k];
            if (_kinds[cell] != CsvValueKind.Number)
            {
                EmitSome(sample, sink);
                return;
            }

            _rowCells[k] = _values[cell];
        }

        // Every metric cell is a plain number: the row goes as one of the header's layout, so a sink that has seen it
        // takes the numbers without matching names.
        sink.OnRow(sample, row, _rowCells.AsSpan(0, cells.Length));
    }

    /// <summary>A row with empty, text or `value (average)` metric cells: only the numbers go, each written in full.</summary>
    private void EmitSome(in MetricSample sample, IRecordSink sink)
    {
        var columns = _layout.Columns;
        var n = 0;
        foreach (var cell in _layout.MetricCells)
        {
            var kind = _kinds[cell];
            if (kind is CsvValueKind.Absent or CsvValueKind.Text)
            {
                continue;
            }

            _someValues[n++] = new MetricValue(columns[cell].Name, columns[cell].Phase, _values[cell],
                kind == CsvValueKind.NumberWithAverage ? _averages[cell] : null);
        }

        if (n > 0)
        {
            sink.OnMetrics(sample, _someValues.AsSpan(0, n));
        }
    }

    private void ReadPosition(ref MetricSample sample)
    {
        sample.Timestamp = _timestamp;
        var columns = _layout.Columns;
        foreach (var i in _layout.PositionCells)
        {
            var value = _values[i];
            if (_kinds[i] is CsvValueKind.Absent or CsvValueKind.Text || !double.IsFinite(value) || value < 0)
            {
                continue;
            }

            switch (columns[i].Role)
            {
                case CsvColumnRole.Epoch when value <= int.MaxValue:
                    sample.Position.Epoch = (int)Math.Floor(value);
                    if (value != Math.Floor(value))
                    {
                        sample.Position.EpochFraction = value;
                    }

                    break;
                case CsvColumnRole.Step when value <= long.MaxValue / 2:
                    sample.Position.Step = (long)value;
                    break;
                case CsvColumnRole.Iteration when value <= long.MaxValue / 2:
                    sample.Position.Iteration = (long)value;
                    break;
                case CsvColumnRole.WallTime when value is >= 1e8 and < 1e11:
                    // Unix seconds (TensorBoard exports); text logs print local time, so this is shown the same way.
                    sample.Timestamp = DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(value).ToLocalTime(), DateTimeKind.Unspecified);
                    break;
            }
        }
    }
}
