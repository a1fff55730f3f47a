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

    [Theory]
    [InlineData("1234567", 1234567.0)]
    [InlineData("1234567.1234567", 1234567.1234567)]
    [InlineData("12345678", 12345678.0)]
    [InlineData("12345678.1234567", 12345678.1234567)]
    [InlineData("1234567.12345678", 1234567.12345678)]
    [InlineData("0.00000001", 0.00000001)]
    [InlineData("00000000000001.5", 1.5)]
    [InlineData("00000000000000001", 1.0)]
    [InlineData("-0.0000000", -0.0)]
    [InlineData("999999999999999", 999999999999999.0)]
    public void Digit_runs_on_either_side_of_eight_bytes_are_read(string text, double expected)
    {
        Parse(text, out var value).ShouldBeTrue(text);
        BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(expected), text);
    }

    [Theory]
    [InlineData("0.5,123456789", 3, 0.5)]
    [InlineData("7|99999999", 1, 7.0)]
    [InlineData("12.25\r", 5, 12.25)]
    [InlineData("-3.1 (2.0)", 4, -3.1)]
    [InlineData("1.2.3", 3, 1.2)]
    public void A_scan_stops_at_the_first_byte_that_cannot_continue_the_number(string text, int end, double expected)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var i = 0;
        PlainDecimal.TryScan(bytes, ref i, out var value).ShouldBeTrue();
        i.ShouldBe(end);
        value.ShouldBe(expected);
    }

    [Fact]
    public void A_scan_never_reads_the_digits_after_the_end_of_its_span()
    {
        // The span ends inside a longer buffer of digits: what lies past it must not join the number.
        var buffer = Encoding.ASCII.GetBytes("0.12345999999999999");
        for (var length = 1; length <= 8; length++)
        {
            var span = buffer.AsSpan(0, length);
            var i = 0;
            var text = Encoding.ASCII.GetString(span);
            PlainDecimal.TryScan(span, ref i, out var value).ShouldBeTrue(text);
            i.ShouldBe(length, text);
            value.ShouldBe(double.Parse(text + (text.EndsWith('.') ? "0" : ""), CultureInfo.InvariantCulture), text);
        }
    }

    [Theory]
    [InlineData("12345678901234567")]
    [InlineData("1234567890123456.5")]
    [InlineData("-.")]
    [InlineData("+")]
    [InlineData("..5")]
    public void Long_or_empty_digit_runs_are_refused_as_the_digit_loop_refuses_them(string text) => Parse(text, out _).ShouldBeFalse();

    [Fact]
    public void Random_digit_runs_of_every_length_read_as_a_byte_by_byte_reference_reads_them()
    {
        var random = new Random(20261202);
        const string alphabet = "0123456789.-+,e ";
        for (var n = 0; n < 200_000; n++)
        {
            var length = random.Next(0, 22);
            var chars = new char[length];
            for (var k = 0; k < length; k++)
            {
                chars[k] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10));
            }

            var bytes = Encoding.ASCII.GetBytes(chars);
            var start = length == 0 ? 0 : random.Next(0, length);
            var i = start;
            var j = start;
            var read = PlainDecimal.TryScan(bytes, ref i, out var value);
            var expected = ReferenceScan(bytes, ref j, out var expectedValue);
            var text = new string(chars) + " @" + start;
            read.ShouldBe(expected, text);
            if (read)
            {
                i.ShouldBe(j, text);
                BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(expectedValue), text);
            }
        }
    }

    [Theory]
    [InlineData("0.1", true)]
    [InlineData("0.3", true)]
    [InlineData("2.675", true)]
    [InlineData("1.005", true)]
    [InlineData("-0", true)]
    [InlineData("-0.000", true)]
    [InlineData("0.000000000000001", true)] // 15 decimals, the table's last power
    [InlineData("123456789012345", true)] // 15 significant digits
    [InlineData("12345678.9012345", true)]
    [InlineData("99999999999999.9", true)]
    [InlineData("0.999999999999999", true)]
    [InlineData("000000000000000000000001.5", true)] // leading zeros are not significant
    [InlineData("0.0000000000000012345", false)] // but past 15 decimals the division is not exact any more
    [InlineData("9007199254740993", false)] // 2^53 + 1: 16 digits, for the general parser to round
    [InlineData("900719925474099.3", false)]
    [InlineData("1.7976931348623157", false)] // 17 significant digits
    [InlineData("0.30000000000000004", false)]
    [InlineData("4.9e-324", false)] // a subnormal, written with an exponent
    [InlineData("0.000000000000000000001", false)]
    [InlineData("1e5", false)]
    [InlineData("1E-05", false)]
    public void Edge_cases_read_as_double_parse_reads_them_or_go_to_the_general_parser(string text, bool plain)
    {
        Parse(text, out var value).ShouldBe(plain, text);
        if (plain)
        {
            BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), text);
        }
    }

    [Fact]
    public void Random_decimals_of_up_to_fifteen_digits_at_every_scale_read_as_double_parse_reads_them()
    {
        // Mantissas from one digit to fifteen with the dot anywhere: every exact power of ten the division uses.
        var random = new Random(9007);
        for (var n = 0; n < 300_000; n++)
        {
            var digits = random.Next(1, 16);
            var run = random.NextInt64(0, (long)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var dot = random.Next(0, digits + 1);
            var text = (random.Next(3) == 0 ? "-" : "") + run[..dot] + "." + run[dot..];
            Parse(text, out var value).ShouldBeTrue(text);
            var parsed = double.Parse(text.EndsWith('.') ? text + "0" : text, CultureInfo.InvariantCulture);
            BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(parsed), text);
        }
    }

    /// <summary>The plain-decimal rules one byte at a time: sign, digits with one dot, at most 15 significant digits and 15 decimals.</summary>
    private static bool ReferenceScan(ReadOnlySpan<byte> s, ref int i, out double value)
    {
        value = 0;
        var at = i;
        var negative = at < s.Length && s[at] == (byte)'-';
        if (at < s.Length && s[at] is (byte)'-' or (byte)'+')
        {
            at++;
        }

        var start = at;
        var dot = -1;
        while (at < s.Length && (char.IsAsciiDigit((char)s[at]) || (s[at] == (byte)'.' && dot < 0)))
        {
            dot = s[at] == (byte)'.' ? at : dot;
            at++;
        }

        var run = Encoding.ASCII.GetString(s[start..at]);
        var digits = run.Replace(".", "", StringComparison.Ordinal);
        var significant = digits.TrimStart('0').Length;
        var decimals = dot < 0 ? 0 : at - dot - 1;
        if (digits.Length == 0 || significant > 15 || decimals > 15)
        {
            return false;
        }

        value = double.Parse((negative ? "-" : "") + (dot == start ? "0" : "") + run + (dot == at - 1 ? "0" : ""), CultureInfo.InvariantCulture);
        i = at;
        return true;
    }

    [Fact]
    public void Word_masks_flag_exactly_the_bytes_that_are_not_digits_and_digit_runs_have_their_decimal_value()
    {
        var random = new Random(8);
        var bytes = new byte[8];
        for (var n = 0; n < 100_000; n++)
        {
            for (var k = 0; k < 8; k++)
            {
                bytes[k] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)('0' + random.Next(10));
            }

            var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            var mask = PlainDecimal.NotDigits(word);
            var leading = 0;
            while (leading < 8 && bytes[leading] is >= (byte)'0' and <= (byte)'9')
            {
                leading++;
            }

            for (var k = 0; k < 8; k++)
            {
                ((mask >> (k * 8 + 7)) & 1).ShouldBe(bytes[k] is >= (byte)'0' and <= (byte)'9' ? 0UL : 1UL);
            }

            PlainDecimal.LeadingDigits(word).ShouldBe(leading);
            if (leading > 0)
            {
                PlainDecimal.DigitsValue(word, leading).ShouldBe(ulong.Parse(Encoding.ASCII.GetString(bytes, 0, leading), CultureInfo.InvariantCulture));
            }
        }
    }
}
