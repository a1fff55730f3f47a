using System.Globalization;
using System.Text;
using Trainscope.Formats.MetricLogger;

namespace Trainscope.Tests.Formats.MetricLogger;

public class PlainDecimalTests
{
    /// <summary>The reading the word-at-a-time scan must agree with: one digit at a time.</summary>
    private static bool ReferenceLeading(ReadOnlySpan<byte> text, out double value, out int length)
    {
        var i = text.Length > 0 && text[0] == (byte)'-' ? 1 : 0;
        var start = i;
        var dot = -1;
        while (i < text.Length && ((uint)(text[i] - '0') <= 9 || (text[i] == (byte)'.' && dot < 0)))
        {
            dot = text[i] == (byte)'.' ? i : dot;
            i++;
        }

        length = i;
        var digits = i - start - (dot >= 0 ? 1 : 0);
        value = 0;
        if (digits == 0 || digits > 15)
        {
            return false;
        }

        value = double.Parse(Encoding.ASCII.GetString(text[..i]) is var s && s.EndsWith('.') ? s + "0" : s, CultureInfo.InvariantCulture);
        return true;
    }

    [Fact]
    public void Every_short_number_in_every_position_of_a_word_reads_as_digit_by_digit()
    {
        var random = new Random(3);
        const string alphabet = "0123456789.-( )x,e";
        for (var n = 0; n < 200_000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10));
            }

            var text = Encoding.ASCII.GetBytes(chars);
            var expected = ReferenceLeading(text, out var expectedValue, out var expectedLength);
            PlainDecimal.TryParseLeading(text, out var value, out var length).ShouldBe(expected, new string(chars));
            if (expected)
            {
                length.ShouldBe(expectedLength, new string(chars));
                BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(expectedValue), new string(chars));
            }
        }
    }

    [Theory]
    [InlineData("0.4620 (0.4907)", 0.4620, 6)]
    [InlineData("197.9534", 197.9534, 8)]
    [InlineData("15722", 15722, 5)]
    [InlineData("-0.000005)  ", -0.000005, 9)]
    [InlineData(".5  lr", 0.5, 2)]
    [InlineData("5.  lr", 5, 2)]
    [InlineData("1234567.1234567x", 1234567.1234567, 15)]
    public void Plain_decimals_read_to_their_end(string text, double expected, int expectedLength)
    {
        PlainDecimal.TryParseLeading(Encoding.ASCII.GetBytes(text), out var value, out var length).ShouldBeTrue();
        value.ShouldBe(expected);
        length.ShouldBe(expectedLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("nan")]
    [InlineData("1234567890123456")]
    [InlineData("0.0000000000000001")]
    public void Text_without_a_short_plain_decimal_is_left_to_the_general_parser(string text)
        => PlainDecimal.TryParseLeading(Encoding.ASCII.GetBytes(text), out _, out _).ShouldBeFalse();
}
