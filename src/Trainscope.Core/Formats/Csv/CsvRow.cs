using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>
/// The cells of one data row, parsed once into reused arrays: the position columns can sit anywhere in the row
/// (`step,epoch,…` or `epoch,step,…`), so every cell is read before the first sample is sent.
/// </summary>
internal sealed class CsvRow
{
    private readonly CsvValueKind[] _kinds;
    private readonly double[] _values;
    private readonly double[] _averages;
    private MetricValue[] _metricValues = [];
    private DateTime? _timestamp;

    public CsvRow(int columns)
    {
        _kinds = new CsvValueKind[columns];
        _values = new double[columns];
        _averages = new double[columns];
    }

    /// <summary>Numeric cells in the row last split.</summary>
    public int Numbers { get; private set; }

    /// <summary>Splits <paramref name="text"/>; false when its cell count is not <paramref name="columns"/>.</summary>
    public bool Split(ReadOnlySpan<byte> text, byte separator, int columns)
    {
        _timestamp = null;

        // Quoted cells need the general splitter; the plain rows nearly every metric CSV holds take one pass instead.
        return text.Contains((byte)'"') ? SplitQuoted(text, separator, columns) : SplitPlain(text, separator, columns);
    }

    private bool SplitPlain(ReadOnlySpan<byte> text, byte separator, int columns)
    {
        // One pass reads each cell as a plain decimal while looking for the separator; a cell that turns out to be
        // something else (padding, `nan`, `1e-05`, `0.5 (0.6)`, text) is cut at its separator and read the general way.
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
                numbers += ReadCell(text[start..i].Trim(" \t"u8), n) ? 1 : 0;
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

    private bool SplitQuoted(ReadOnlySpan<byte> text, byte separator, int columns)
    {
        var cells = new CsvCells(text, separator);
        var n = 0;
        var numbers = 0;
        while (cells.TryNext(out var cell))
        {
            if (n == columns)
            {
                Numbers = numbers;
                return false;
            }

            numbers += ReadCell(cell, n++) ? 1 : 0;
        }

        Numbers = numbers;
        return n == columns;
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
    public void Emit(in LogLine line, CsvColumn[] columns, IRecordSink sink)
    {
        var sample = new MetricSample
        {
            Source = line.Source,
            Rank = line.Source.Rank,
            Line = line.Number,
            Offset = line.Offset,
            Kind = SampleKind.Point,
        };
        ReadPosition(columns, ref sample);
        if (_metricValues.Length < columns.Length)
        {
            _metricValues = new MetricValue[columns.Length];
        }

        var n = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            var kind = _kinds[i];
            if (columns[i].Role != CsvColumnRole.Metric || kind is CsvValueKind.Absent or CsvValueKind.Text)
            {
                continue;
            }

            _metricValues[n++] = new MetricValue(columns[i].Name, columns[i].Phase, _values[i],
                kind == CsvValueKind.NumberWithAverage ? _averages[i] : null);
        }

        if (n > 0)
        {
            sink.OnMetrics(sample, _metricValues.AsSpan(0, n));
        }
    }

    private void ReadPosition(CsvColumn[] columns, ref MetricSample sample)
    {
        sample.Timestamp = _timestamp;
        for (var i = 0; i < columns.Length; i++)
        {
            var role = columns[i].Role;
            if (role is CsvColumnRole.Metric or CsvColumnRole.Ignored || _kinds[i] == CsvValueKind.Absent
                || _kinds[i] == CsvValueKind.Text || !double.IsFinite(_values[i]) || _values[i] < 0)
            {
                continue;
            }

            var value = _values[i];
            switch (role)
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
