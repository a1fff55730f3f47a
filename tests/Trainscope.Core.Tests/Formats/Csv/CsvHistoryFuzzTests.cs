using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

public class CsvHistoryFuzzTests
{
    private static readonly CsvHistoryFormat Format = new();

    private static readonly string[] Fixtures =
    [
        "seed001/training_history.csv", "seed002/batch_metrics_20240101_120000.csv", "keras/training.log",
        "lightning_sparse_metrics.csv", "ultralytics_padded_results.csv", "headerless_metrics_val.csv", "junk_rows.csv",
        "half_written_last_row.csv",
    ];

    public static TheoryData<string> FixtureNames => new(Fixtures);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_truncation_of_every_row_after_the_real_header_is_survived(string fixture)
    {
        var lines = File.ReadAllText(TestPaths.Fixture("csv/" + fixture)).Split('\n', '\r');
        var source = new SourceInfo(0, fixture, fixture);
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        parser.TryParse(LogLine.FromString(lines[0], source, 1), sink);
        long number = 1;
        foreach (var text in lines.Skip(1))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var cut = 0; cut <= bytes.Length; cut++)
            {
                parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, source), sink);
                parser.TryParse(new LogLine(bytes.AsSpan(cut), number, 0, source), sink);
            }
        }

        parser.Complete(sink);
        sink.Metrics.ShouldNotBeEmpty();
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
    }

    [Fact]
    public void Random_bytes_and_random_cells_never_throw()
    {
        var random = new Random(20260105);
        var source = new SourceInfo(0, "fuzz.csv", "fuzz.csv");
        const string alphabet = "0123456789.,-+e\"( )nainf\tabc/_\uFEFF";
        for (var round = 0; round < 200; round++)
        {
            var parser = Format.CreateParser();
            var sink = new RecordCollector();
            var header = round % 2 == 0 ? "step,epoch,loss,val/acc,lr" : RandomText(random, alphabet, 40);
            parser.TryParse(LogLine.FromString(header, source, 1), sink);
            for (var i = 0; i < 100; i++)
            {
                var noise = new byte[random.Next(0, 120)];
                random.NextBytes(noise);
                parser.TryParse(new LogLine(noise, i + 2, 0, source), sink);
                parser.TryParse(LogLine.FromString(RandomText(random, alphabet, 60), source, i + 2), sink);
                parser.TryParse(LogLine.FromString("1e400,1e308,-1e400,99999999999999999999999,nan", source, i + 2), sink);
            }

            parser.Complete(sink);
            sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
            Format.Sniff(new FileSample("fuzz.csv", Encoding.UTF8.GetBytes(header + "\n" + RandomText(random, alphabet, 200)), round % 3 == 0));
        }
    }

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var chars = new char[random.Next(0, maxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
