using System.Text;
using Trainscope.Formats.JsonLines;

namespace Trainscope.Tests.Formats.JsonLines;

public class JsonSpecialTokensTests
{
    [Theory]
    [InlineData("{\"a\": NaN}", "{\"a\": \"NaN\"}")]
    [InlineData("{\"a\": [Infinity, -Infinity, 1]}", "{\"a\": [\"Infinity\", \"-Infinity\", 1]}")]
    [InlineData("{\"NaN\": \"x NaN \\\" Infinity\", \"b\": NaN}", "{\"NaN\": \"x NaN \\\" Infinity\", \"b\": \"NaN\"}")]
    [InlineData("{\"a\": 1}", "{\"a\": 1}")]
    public void Bare_special_tokens_are_quoted_and_text_is_left_alone(string input, string expected)
    {
        var buffer = new byte[4];
        var length = JsonSpecialTokens.Quote(Encoding.UTF8.GetBytes(input), ref buffer);

        Encoding.UTF8.GetString(buffer, 0, length).ShouldBe(expected);
    }

    [Fact]
    public void Quoted_special_tokens_read_back_as_non_finite_numbers()
    {
        JsonSpecialTokens.TryValue("NaN"u8, out var nan).ShouldBeTrue();
        double.IsNaN(nan).ShouldBeTrue();
        JsonSpecialTokens.TryValue("-Infinity"u8, out var negative).ShouldBeTrue();
        negative.ShouldBe(double.NegativeInfinity);
        JsonSpecialTokens.TryValue("nan please"u8, out _).ShouldBeFalse();
    }
}
