using System.Text;
using Trainscope.Formats.Diagnostics;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Diagnostics;

/// <summary>
/// The byte search decides every line as the earlier rule did: a first look for a few bytes, then the line widened
/// byte by byte to UTF-16 and searched for the words. That rule is kept here, written plainly, as the reference.
/// </summary>
public class TriggerWordsEquivalenceTests
{
    private static readonly string[] ReferenceWords =
        ["Error", "Exception", "Traceback", "of memory", "NCCL", "Warning", "WARN", "warn(", "SIG", "signal", "Killed",
         "OVERFLOW", "overflow", "Interrupt", "NVIDIA", "Tesla"];

    private static bool ReferenceRule(byte[] line)
    {
        var firstLook = line.Any(b => "ETNWSKOI(".Contains((char)b))
            || Latin1(line).Contains("of memory", StringComparison.Ordinal)
            || Latin1(line).Contains("signal", StringComparison.Ordinal)
            || Latin1(line).Contains("overflow", StringComparison.Ordinal);
        return firstLook && ReferenceWords.Any(word => Latin1(line).Contains(word, StringComparison.Ordinal));
    }

    private static string Latin1(byte[] line) => Encoding.Latin1.GetString(line);

    [Fact]
    public void The_search_looks_for_the_reference_words()
        => TriggerWords.All.Order(StringComparer.Ordinal).ShouldBe(ReferenceWords.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_line_of_the_corpus_and_the_fixtures_gets_the_reference_answer()
    {
        var lines = Files(TestPaths.Corpus("")).Concat(Files(TestPaths.Fixture(""))).SelectMany(LinesOf).ToList();

        var found = ShouldAgree(lines);

        lines.Count.ShouldBeGreaterThan(100_000);
        found.ShouldBeGreaterThan(200); // both answers are exercised (326 lines hold a word)
    }

    [Fact]
    public void Words_cut_split_recased_doubled_and_inside_names_get_the_reference_answer()
    {
        const string metricLine = "Epoch: [3]  [ 10/128]  eta: 0:02:08  lr: 0.000100  loss: 0.4620 (0.4907)  max mem: 3123";
        var lines = new List<byte[]>();
        foreach (var word in ReferenceWords)
        {
            var variants = new List<string> { word, word[1..], word[..^1], word.ToUpperInvariant(), word.ToLowerInvariant() };
            for (var i = 0; i < word.Length; i++)
            {
                variants.Add(word[..i] + word[i..(i + 1)].ToUpperInvariant() + word[(i + 1)..]);
                variants.Add(word[..i] + word[i..(i + 1)].ToLowerInvariant() + word[(i + 1)..]);
                variants.Add(word[..i] + word); // `NNCCL`, `ofof memory`, `overoverflow`
                foreach (var split in new[] { "é", "█", "⚠️", "\u200b", " " })
                {
                    variants.Add(word[..i] + split + word[i..]);
                }
            }

            foreach (var variant in variants)
            {
                foreach (var placed in new[]
                {
                    variant, metricLine + variant, metricLine + " " + variant, variant + metricLine, "é" + variant + "é",
                    $"  train_{variant}_rate: 0.5 (0.4)", $"{{'eval_{variant}': 0.1, 'epoch': 1.0}}", $"step,{variant},loss",
                    $"[rank0:INFO|misc.py:146] 2024-01-01 12:00:00 >> {variant}",
                })
                {
                    lines.Add(Encoding.UTF8.GetBytes(placed));
                }
            }

            // At every offset around the 16- and 32-byte steps, the last step (moved back) and the line's end.
            const string filler = "loss: 0.4620 (0.4907)  lr: 0.000100  time: 0.4020  data: 0.0002  acc1: 71.2";
            for (var before = 0; before <= 70; before++)
            {
                lines.Add(Encoding.UTF8.GetBytes(filler[..before] + word));
                lines.Add(Encoding.UTF8.GetBytes(filler[..before] + word + "!"));
                lines.Add(Encoding.UTF8.GetBytes(filler[..before] + word + filler[..(70 - before)]));
                lines.Add(Encoding.UTF8.GetBytes(filler[..before] + word[..^1]));
            }

            // A lone lead byte or a stray continuation byte of invalid UTF-8 inside the word.
            var bytes = Encoding.ASCII.GetBytes(word);
            for (var i = 1; i < bytes.Length; i++)
            {
                lines.Add([.. bytes[..i], 0xC3, .. bytes[i..]]);
                lines.Add([.. bytes[..i], 0x80, .. bytes[i..]]);
            }
        }

        ShouldAgree(lines).ShouldBeGreaterThan(ReferenceWords.Length * 20);
    }

    [Fact]
    public void Random_pieces_of_words_metric_text_and_bytes_get_the_reference_answer()
    {
        var random = new Random(7);
        string[] filler = ["loss: ", "0.4620 ", "(0.4907)", "  ", "_", "lr", "'grad_norm': ", ",", "é", "█", "Epoch", "INFO", "\t", "m", "o", "r", "w", "f", "g", "n"];
        var lines = new List<byte[]>();
        for (var n = 0; n < 40_000; n++)
        {
            var line = new List<byte>();
            for (var piece = random.Next(1, 9); piece > 0; piece--)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var word = ReferenceWords[random.Next(ReferenceWords.Length)];
                        var start = random.Next(word.Length);
                        line.AddRange(Encoding.ASCII.GetBytes(word[start..random.Next(start + 1, word.Length + 1)]));
                        break;
                    case 1:
                        line.AddRange(Encoding.UTF8.GetBytes(filler[random.Next(filler.Length)]));
                        break;
                    default:
                        line.Add((byte)random.Next(256));
                        break;
                }
            }

            lines.Add([.. line]);
        }

        ShouldAgree(lines).ShouldBeGreaterThan(1_000);
    }

    /// <summary>Asserts the search (every variant) agrees with the reference on every line; returns how many lines hold a word, so callers can check both answers occur.</summary>
    private static int ShouldAgree(IEnumerable<byte[]> lines)
    {
        var disagreements = new List<string>();
        var found = 0;
        foreach (var line in lines)
        {
            var expected = ReferenceRule(line);
            found += expected ? 1 : 0;
            foreach (var (variant, answer) in Answers(line))
            {
                if (answer != expected && disagreements.Count < 10)
                {
                    disagreements.Add($"{variant} said {answer}: {Latin1(line)}");
                }
            }
        }

        disagreements.ShouldBeEmpty();
        return found;
    }

    /// <summary>What the search and each of its variants the line is long enough for answer, whatever this machine would pick.</summary>
    private static IEnumerable<(string Variant, bool Answer)> Answers(byte[] line)
    {
        yield return ("AnyIn", TriggerWords.AnyIn(line));
        yield return ("by byte", TriggerWords.AnyInByByte(line));
        if (line.Length > 16)
        {
            yield return ("by 16 bytes", TriggerWords.AnyInBy128(line));
        }

        if (line.Length > 32)
        {
            yield return ("by 32 bytes", TriggerWords.AnyInBy256(line));
        }
    }

    private static IEnumerable<string> Files(string root)
        => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>The file's lines as bytes, split on `\n` with a `\r` before it dropped, binary files included.</summary>
    private static IEnumerable<byte[]> LinesOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            end = end < 0 ? bytes.Length : end;
            var length = end - start - (end > start && bytes[end - 1] == (byte)'\r' ? 1 : 0);
            yield return bytes.AsSpan(start, length).ToArray();
            start = end + 1;
        }
    }
}
