using System.Text;
using Trainscope.Reading;

namespace Trainscope.Tests.Reading;

public class LineSplitterTests
{
    private sealed class Recorder : ILineHandler
    {
        public List<(string Text, long Number, long Offset)> Lines { get; } = [];
        public List<(long Number, long Length)> TooLong { get; } = [];
        public List<(string Text, long Number)> Partial { get; } = [];

        public void OnLine(ReadOnlySpan<byte> line, long number, long offset) => Lines.Add((Encoding.UTF8.GetString(line), number, offset));

        public void OnTooLong(long number, long offset, long length) => TooLong.Add((number, length));

        public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
            => Partial.Add((Encoding.UTF8.GetString(start), number));
    }

    /// <summary>Hands out at most a few bytes per read, like a pipe or a slow network file.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    private static Recorder Split(string text, int maxLine = 1 << 20, int chunk = int.MaxValue, int buffer = 4 << 20)
    {
        var recorder = new Recorder();
        new LineSplitter(maxLine, buffer).Split(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), recorder);
        return recorder;
    }

    [Fact]
    public void Numbers_lines_on_newlines_and_keeps_byte_offsets()
    {
        var r = Split("a\nbb\r\nccc\n");
        r.Lines.ShouldBe([("a", 1, 0), ("bb", 2, 2), ("ccc", 3, 6)]);
        r.Partial.ShouldBeEmpty();
    }

    [Fact]
    public void Carriage_return_redraws_are_separate_lines_sharing_their_line_number()
    {
        var r = Split("start\n 10%|#  | 1/10\r 20%|## | 2/10\r100%|###| 10/10\nend\n");
        r.Lines.Select(l => (l.Text, l.Number)).ShouldBe(
            [("start", 1), (" 10%|#  | 1/10", 2), (" 20%|## | 2/10", 2), ("100%|###| 10/10", 2), ("end", 3)]);
    }

    [Fact]
    public void A_last_line_without_newline_is_reported_as_partial_not_as_a_line()
    {
        var r = Split("loss: 1.0\nloss: 0.9");
        r.Lines.ShouldBe([("loss: 1.0", 1, 0)]);
        r.Partial.ShouldBe([("loss: 0.9", 2)]);
    }

    [Fact]
    public void An_over_long_line_is_dropped_and_counted_and_reading_goes_on()
    {
        var r = Split("ok\n" + new string('x', 5000) + "\nafter\n", maxLine: 1000, buffer: 2000);
        r.Lines.Select(l => l.Text).ShouldBe(["ok", "after"]);
        r.TooLong.ShouldHaveSingleItem().Number.ShouldBe(2);
        r.Lines[1].Number.ShouldBe(3);
    }

    [Fact]
    public void Cutting_the_input_into_any_chunk_size_gives_the_same_lines()
    {
        var random = new Random(42);
        var builder = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            builder.Append(new string((char)('a' + random.Next(26)), random.Next(0, 40)));
            builder.Append(random.Next(4) switch { 0 => "\r", 1 => "\r\n", _ => "\n" });
        }

        var text = builder.ToString();
        var expected = Split(text);
        foreach (var chunk in new[] { 1, 2, 3, 7, 64, 1000 })
        {
            var actual = Split(text, maxLine: 100, chunk: chunk, buffer: 256);
            actual.Lines.ShouldBe(expected.Lines, $"chunk {chunk}");
        }
    }

    [Fact]
    public void A_buffer_smaller_than_a_line_grows_for_it_and_the_limit_alone_decides_what_is_dropped()
    {
        // Lines shorter and longer than the starting buffer, up to and past the limit, with every kind of terminator.
        var random = new Random(7);
        var builder = new StringBuilder();
        var lengths = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            var length = random.Next(6) == 0 ? random.Next(900, 1100) : random.Next(0, 300);
            lengths.Add(length);
            builder.Append(new string((char)('a' + (i % 26)), length));
            builder.Append(random.Next(3) switch { 0 => "\r\n", _ => "\n" });
        }

        var text = builder.ToString();
        foreach (var (buffer, chunk) in new[] { (16, int.MaxValue), (64, 5), (1, 1), (4096, 1000) })
        {
            var r = Split(text, maxLine: 1000, chunk: chunk, buffer: buffer);
            r.Lines.Select(l => l.Text.Length).ShouldBe(lengths.Where(n => n is > 0 and <= 1000), $"buffer {buffer}, chunk {chunk}");
            r.TooLong.Count.ShouldBe(lengths.Count(n => n > 1000), $"buffer {buffer}, chunk {chunk}");
            r.Lines.Select(l => l.Number).ShouldBe(Enumerable.Range(1, lengths.Count).Where(i => lengths[i - 1] is > 0 and <= 1000).Select(i => (long)i));
        }
    }
}
