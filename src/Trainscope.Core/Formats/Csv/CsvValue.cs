using Trainscope.Formats.Text;

namespace Trainscope.Formats.Csv;

/// <summary>What one data cell of a metric CSV holds.</summary>
internal enum CsvValueKind : byte
{
    /// <summary>An empty cell: the row has no value for this column (Lightning's sparse rows), not a zero.</summary>
    Absent,

    Number,

    /// <summary>`0.5691 (0.6500)`: a value and the running average printed beside it.</summary>
    NumberWithAverage,

    /// <summary>Anything else (a date, a word, a path).</summary>
    Text,
}

/// <summary>Reads a data cell: `0.5`, `-1e-04`, `nan`, `inf`, `0.5691 (0.6500)`.</summary>
internal static class CsvValue
{
    public static CsvValueKind Read(ReadOnlySpan<byte> cell, out double value, out double average)
    {
        average = 0;
        if (cell.IsEmpty)
        {
            value = 0;
            return CsvValueKind.Absent;
        }

        if (PlainDecimal.TryParse(cell, out value) || Utf8Number.TryParse(cell, out value))
        {
            return CsvValueKind.Number;
        }

        // The MetricLogger habit of `value (average)` written into one cell.
        if (cell[^1] == (byte)')')
        {
            var open = cell.IndexOf((byte)'(');
            if (open > 0 && Utf8Number.TryParse(cell[..open].TrimEnd(" \t"u8), out value)
                && Utf8Number.TryParse(cell[(open + 1)..^1].Trim(" \t"u8), out average))
            {
                return CsvValueKind.NumberWithAverage;
            }
        }

        value = 0;
        return CsvValueKind.Text;
    }
}
