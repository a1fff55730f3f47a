using System.Globalization;
using System.Text;
using Trainscope.Formats.Csv;

namespace Trainscope.Tests.Formats.Csv;

public class PlainDecimalTests
{
    private static bool Parse(string text, out double value) => PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out value);

    [Theory]
    [InlineData("0.815945", 0.815945)]
    [InlineData("-12", -12.0)]
    [InlineData("+3.5", 3.5)]
    [InlineData("833.209", 833.209)]
    [InlineData(".5", 0.5)]
    [InlineData("1.", 1.0)]
    [InlineData("0.000555778", 0.000555778)]
    [InlineData("000123.4500", 123.45)]
    public void Plain_decimals_are_read(string text, double expected)
    {
        Parse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e-05")]
    [InlineData("nan")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1234567890123456")]
    [InlineData("0.0000000000000001")]
    public void Anything_else_is_left_to_the_general_parser(string text) => Parse(text, out _).ShouldBeFalse();

    [Fact]
    public void Results_are_bit_for_bit_those_of_double_parse()
    {
        var random = new Random(833209);
        var compared = 0;
        for (var n = 0; n < 200_000; n++)
        {
            var whole = random.Next(0, 4) switch { 0 => "0", 1 => random.Next(0, 10).ToString(CultureInfo.InvariantCulture), _ => random.NextInt64(0, 100_000_000).ToString(CultureInfo.InvariantCulture) };
            var decimals = random.Next(0, 16);
            var builder = new StringBuilder(random.Next(0, 5) == 0 ? "-" : "").Append(whole).Append('.');
            for (var d = 0; d < decimals; d++)
            {
                builder.Append((char)('0' + random.Next(10)));
            }

            var text = builder.ToString();
            if (Parse(text, out var value))
            {
                compared++;
                BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), text);
            }
        }

        compared.ShouldBeGreaterThan(100_000);
    }
}
