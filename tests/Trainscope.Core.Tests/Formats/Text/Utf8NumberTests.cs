using System.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Tests.Formats.Text;

public class Utf8NumberTests
{
    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("-1e-04", -1e-4)]
    [InlineData("5.0000e+00", 5.0)]
    [InlineData("2,118,123,520", 2118123520)]
    [InlineData("111,479", 111479)]
    [InlineData("3.2e+4", 32000)]
    public void Parses_numbers_as_logs_write_them(string text, double expected)
    {
        Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var value).ShouldBeTrue();
        value.ShouldBe(expected, 1e-12);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    public void Parses_nan(string text)
    {
        Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var value).ShouldBeTrue();
        double.IsNaN(value).ShouldBeTrue();
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    public void Parses_infinities(string text, double expected)
    {
        Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-01-05")]
    [InlineData("1.2.3")]
    [InlineData("12,34")]
    [InlineData("abc")]
    [InlineData("")]
    public void Rejects_things_that_are_not_numbers(string text)
        => Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
}
