using System.Text;
using Trainscope.Formats.Csv;

namespace Trainscope.Tests.Formats.Csv;

public class CsvCellsTests
{
    private static List<string> Split(string line, char separator = ',')
    {
        var cells = new CsvCells(Encoding.UTF8.GetBytes(line), (byte)separator);
        var result = new List<string>();
        while (cells.TryNext(out var cell))
        {
            result.Add(Encoding.UTF8.GetString(cell));
        }

        return result;
    }

    /// <summary>The plain way to read the same rules, character by character: the splitter must agree with it.</summary>
    private static List<string> Reference(string line, char separator = ',')
    {
        var result = new List<string>();
        var i = 0;
        while (true)
        {
            var j = i;
            while (j < line.Length && line[j] is ' ' or '\t' && line[j] != separator)
            {
                j++;
            }

            if (j < line.Length && line[j] == '"')
            {
                var k = j + 1;
                while (k < line.Length && !(line[k] == '"' && (k + 1 >= line.Length || line[k + 1] != '"')))
                {
                    k += line[k] == '"' ? 2 : 1;
                }

                result.Add(line[(j + 1)..Math.Min(k, line.Length)]);
                var next = k < line.Length ? line.IndexOf(separator, k + 1) : -1;
                if (next < 0)
                {
                    return result;
                }

                i = next + 1;
                continue;
            }

            var end = line.IndexOf(separator, i);
            result.Add((end < 0 ? line[i..] : line[i..end]).Trim(' ', '\t'));
            if (end < 0)
            {
                return result;
            }

            i = end + 1;
        }
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("  epoch,   train/box_loss", new[] { "epoch", "train/box_loss" })]
    [InlineData("1,,3,", new[] { "1", "", "3", "" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData(" \"say \"\"hi\"\"\" ,x", new[] { "say \"\"hi\"\"", "x" })]
    [InlineData("\"open,quote", new[] { "open,quote" })]
    [InlineData("", new[] { "" })]
    public void Cells_are_split_trimmed_and_quotes_honoured(string line, string[] expected)
        => Split(line).ShouldBe(expected);

    [Fact]
    public void Tab_separated_cells_keep_commas()
        => Split("1,5\tloss\t2", '\t').ShouldBe(["1,5", "loss", "2"]);

    [Fact]
    public void The_splitter_agrees_with_a_plain_reference_on_random_lines_and_every_cut()
    {
        var random = new Random(20260105);
        const string alphabet = "a1.,\" \t,";
        for (var n = 0; n < 3000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var line = new string(chars);
            for (var cut = 0; cut <= line.Length; cut++)
            {
                var part = line[..cut];
                Split(part).ShouldBe(Reference(part), $"line «{part}»");
            }
        }
    }
}
