using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Csv;

public class CsvRowTests
{
    private static readonly string[] Cells =
    [
        "0.815945", "-12", "833.209", "", "  1.5", "2.25  ", "nan", "-inf", "1e-05", "3.334e-05", "0.5691 (0.6500)", "warmup",
        "2026-01-05 10:33:33", "-", ".", "1.2.3", "+7", "0.0000000000000001", "1234567890123456", "99999999999999999999",
    ];

    /// <summary>What the row must hold, read cell by cell with the general splitter and reader.</summary>
    private static List<(string Name, double Value, double? Average)> Reference(string line, CsvColumn[] columns)
    {
        var expected = new List<(string, double, double?)>();
        var cells = new CsvCells(Encoding.UTF8.GetBytes(line), (byte)',');
        var n = 0;
        while (cells.TryNext(out var cell))
        {
            var kind = CsvValue.Read(cell, out var value, out var average);
            if (kind is CsvValueKind.Number or CsvValueKind.NumberWithAverage)
            {
                expected.Add((columns[n].Name, value, kind == CsvValueKind.NumberWithAverage ? average : null));
            }

            n++;
        }

        return expected;
    }

    [Fact]
    public void The_one_pass_plain_reader_gives_what_the_general_reader_gives()
    {
        var random = new Random(4711);
        var source = new SourceInfo(0, "row.csv", "row.csv");
        for (var round = 0; round < 5000; round++)
        {
            var width = random.Next(1, 8);
            var columns = Enumerable.Range(0, width).Select(i => new CsvColumn($"c{i}", Phase.Train, CsvColumnRole.Metric)).ToArray();
            var line = string.Join(",", Enumerable.Range(0, width).Select(_ => Cells[random.Next(Cells.Length)]));
            var row = new CsvRow(columns);
            var sink = new RecordCollector();

            row.Split(Encoding.UTF8.GetBytes(line), (byte)',').ShouldBeTrue(line);
            row.Emit(LogLine.FromString(line, source), sink);

            sink.Metrics.Select(m => (m.Name, m.Value, m.Average)).ShouldBe(Reference(line, columns), line);
        }
    }

    [Theory]
    [InlineData("1,2,3", 3, true)]
    [InlineData("1,2", 3, false)]
    [InlineData("1,2,3,4", 3, false)]
    [InlineData("1,2,", 3, true)]
    [InlineData("\"1,5\",2,3", 3, true)]
    public void A_row_must_have_as_many_cells_as_the_header(string line, int columns, bool expected)
        => new CsvRow(Enumerable.Range(0, columns).Select(i => new CsvColumn($"c{i}", Phase.Train, CsvColumnRole.Metric)).ToArray())
            .Split(Encoding.UTF8.GetBytes(line), (byte)',').ShouldBe(expected);
}
