using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

/// <summary>
/// Pins the row reader's shortcuts for plain numbers to the general splitter and cell reader, bit for bit: every
/// shortcut must either give exactly what the general path gives or hand the cell over to it.
/// </summary>
public class CsvRowEquivalenceTests
{
    private static readonly SourceInfo Source = new(0, "row.csv", "row.csv");

    /// <summary>Cells at the edges of the shortcuts: digit counts, signs, dots, padding, words, exponents.</summary>
    private static readonly string[] Cells =
    [
        "0", "-0", "-0.0", "0.000000", "7", "12345678", "123456789", "99999999.9999999", "12345678.1234567",
        "12345678.12345678", "1.23456789", "0.815945", "-0.07487", "52.85", "00012.500", "5.", ".5", "-.5", "+7", "-",
        ".", "1.2.3", "", " ", "  1.5", "2.25  ", "\t3", "nan", "NaN", "-inf", "inf", "1e-05", "3.334e-05", "1E5",
        "0.5691 (0.6500)", "\"0.25\"", "\"1,5\"", "\"a \"\"b\"\"\"", "warmup", "2026-01-05 10:33:33", "0.5\r",
        "1234567890123456", "0.0000000000000001", "99999999999999999999", "0x10", "1_000", "١٢",
    ];

    [Fact]
    public void Random_rows_of_awkward_cells_read_as_the_general_path_reads_them()
    {
        var random = new Random(20261201);
        for (var round = 0; round < 20000; round++)
        {
            // Wide rows too, so cells are read both well inside the line and within its last bytes.
            var width = random.Next(1, 24);
            var line = string.Join(",", Enumerable.Range(0, width).Select(_ => Cells[random.Next(Cells.Length)]));
            AssertSameAsGeneral(line, width);
        }
    }

    [Fact]
    public void Rows_of_any_width_count_their_numbers_as_the_general_path_counts_them()
    {
        // The count decides whether a refused row may be a new header, so it must match for refused rows too.
        var random = new Random(20261203);
        for (var round = 0; round < 20000; round++)
        {
            var cells = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Cells[random.Next(Cells.Length)]).ToArray();
            var line = string.Join(",", cells);
            var width = random.Next(1, 12);
            var row = new CsvRow(MetricColumns(width));

            var accepted = row.Split(Encoding.UTF8.GetBytes(line), (byte)',');

            var general = new CsvCells(Encoding.UTF8.GetBytes(line), (byte)',');
            var count = 0;
            var numbers = 0;
            while (general.TryNext(out var cell))
            {
                if (count++ < width && CsvValue.Read(cell, out _, out _) is CsvValueKind.Number or CsvValueKind.NumberWithAverage)
                {
                    numbers++;
                }
            }

            accepted.ShouldBe(count == width, line);
            row.Numbers.ShouldBe(numbers, line);
        }
    }

    [Theory]
    [InlineData("0,0,0.815945,0.991000,0.563975,0.4119,0.0120,5.45,0.6983,0.001000,2.2446,0.4724,0.07487")]
    [InlineData("703234,351,0.238828,0.590172,0.382463,0.5505,0.7820,52.85,0.5438,0.001000,2.3767,0.7855,0.08634")]
    [InlineData("1,2,")]
    [InlineData(",,,")]
    [InlineData("-0,-0.0,0.000000")]
    [InlineData("12345678.1234567,12345678.12345678,123456789")]
    [InlineData("1,2\r")]
    [InlineData("1, 2 ,\"3\",nan,inf,1e-05")]
    public void Typical_and_edge_rows_read_as_the_general_path_reads_them(string line)
        => AssertSameAsGeneral(line, CountCells(line));

    [Theory]
    [InlineData("1,2", 3)]
    [InlineData("1,2,3,4", 3)]
    [InlineData("0.5,0.25,0.125,0.0625,0.03125,0.015625,0.0078125,0.00390625", 7)]
    [InlineData("0.5,0.25,0.125,0.0625,0.03125,0.015625,0.0078125", 8)]
    public void A_row_of_another_width_is_refused_like_the_general_path_refuses_it(string line, int width)
        => new CsvRow(MetricColumns(width)).Split(Encoding.UTF8.GetBytes(line), (byte)',').ShouldBeFalse();

    [Fact]
    public void Crlf_lines_a_repeated_header_and_rows_of_the_wrong_width_read_as_before()
    {
        const string text = "step,loss,acc\r\n1,0.5,0.25\r\n2,0.4\r\n3,0.3,0.5,9\r\nstep,loss,acc,lr\r\n4,0.2,0.75,1e-05\r\n"
            + "5,\"0.1\",nan,0.001\r\n";

        var records = LineFeeder.Feed(new CsvHistoryFormat(), text, "metrics.csv");

        records.Values("loss").ShouldBe([0.5, 0.2, 0.1]);
        records.Values("acc").Count().ShouldBe(3);
        double.IsNaN(records.Values("acc").Last()).ShouldBeTrue();
        records.Values("lr").ShouldBe([1e-05, 0.001]);
        records.Metrics.Where(m => m.Name == "loss").Select(m => m.Position.Step).ShouldBe([1L, 4L, 5L]);
    }

    private static CsvColumn[] MetricColumns(int width)
        => Enumerable.Range(0, width).Select(i => new CsvColumn($"c{i}", Phase.Train, CsvColumnRole.Metric)).ToArray();

    private static int CountCells(string line)
    {
        var cells = new CsvCells(Encoding.UTF8.GetBytes(line), (byte)',');
        var n = 0;
        while (cells.TryNext(out _))
        {
            n++;
        }

        return n;
    }

    private static void AssertSameAsGeneral(string line, int width)
    {
        var columns = MetricColumns(width);
        var row = new CsvRow(columns);
        var sink = new RecordCollector();

        var accepted = row.Split(Encoding.UTF8.GetBytes(line), (byte)',');
        accepted.ShouldBe(CountCells(line) == width, line);
        row.Emit(LogLine.FromString(line, Source), sink);

        // Bits, not values: -0 and 0 compare equal, and NaN equals nothing.
        sink.Metrics.Select(m => (m.Name, Bits(m.Value), m.Average is { } a ? Bits(a) : (long?)null))
            .ShouldBe(General(line, columns), line);
    }

    private static List<(string Name, long Value, long? Average)> General(string line, CsvColumn[] columns)
    {
        var expected = new List<(string, long, long?)>();
        var cells = new CsvCells(Encoding.UTF8.GetBytes(line), (byte)',');
        var n = 0;
        while (cells.TryNext(out var cell) && n < columns.Length)
        {
            var kind = CsvValue.Read(cell, out var value, out var average);
            if (kind is CsvValueKind.Number or CsvValueKind.NumberWithAverage)
            {
                expected.Add((columns[n].Name, Bits(value), kind == CsvValueKind.NumberWithAverage ? Bits(average) : null));
            }

            n++;
        }

        return expected;
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
