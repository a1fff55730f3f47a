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
        var cells = new CsvCells(text, separator);
        var n = 0;
        var numbers = 0;
        _timestamp = null;
        while (cells.TryNext(out var cell))
        {
            if (n == columns)
            {
                Numbers = numbers;
                return false;
            }

            var kind = CsvValue.Read(cell, out _values[n], out _averages[n]);
            if (kind is CsvValueKind.Number or CsvValueKind.NumberWithAverage)
            {
                numbers++;
            }
            else if (kind == CsvValueKind.Text && _timestamp is null && Timestamps.TryParse(cell, out var time, out _))
            {
                _timestamp = time;
            }

            _kinds[n++] = kind;
        }

        Numbers = numbers;
        return n == columns;
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
        for (var i = 0; i < columns.Length; i++)
        {
            var kind = _kinds[i];
            if (columns[i].Role != CsvColumnRole.Metric || kind is CsvValueKind.Absent or CsvValueKind.Text)
            {
                continue;
            }

            sample.Name = columns[i].Name;
            sample.Phase = columns[i].Phase;
            sample.Value = _values[i];
            sample.Average = kind == CsvValueKind.NumberWithAverage ? _averages[i] : null;
            sink.OnMetric(sample);
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
