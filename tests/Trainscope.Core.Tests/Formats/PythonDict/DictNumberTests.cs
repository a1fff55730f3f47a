using System.Globalization;
using System.Text;
using Trainscope.Formats.PythonDict;

namespace Trainscope.Tests.Formats.PythonDict;

public class DictNumberTests
{
    [Theory]
    [InlineData("2.7711")]
    [InlineData("9.999999e-05")]
    [InlineData("4.9e-05")]
    [InlineData("1E+3")]
    [InlineData("5.0000e+00")]
    [InlineData("-3")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("-0e5")]
    [InlineData("0.1")]
    [InlineData("000000000000000001.5")]
    [InlineData("0.000000000000000001")]
    [InlineData("123456789012345.6")]
    [InlineData("9007199254740992")]
    [InlineData("900719925474099.2")]
    [InlineData("1e22")]
    [InlineData("1e-22")]
    [InlineData("9007199254740991e22")]
    [InlineData("9007199254740991e-22")]
    [InlineData("2.5e-7")]
    public void Plain_numbers_read_exactly_as_double_parse_reads_them(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        DictNumber.TryReadPlain(bytes, 0, out var value, out var end, out var integral).ShouldBeTrue(text);

        end.ShouldBe(bytes.Length, text);
        Bits(value).ShouldBe(Bits(double.Parse(text, CultureInfo.InvariantCulture)), text);
        integral.ShouldBe(text.IndexOfAny(['.', 'e', 'E']) < 0, text);
    }

    [Theory]
    [InlineData("9007199254740993")] // one past 2^53: the mantissa itself would round
    [InlineData("9007199254740993e-5")]
    [InlineData("12345678901234567.5")]
    [InlineData("0.30000000000000004")] // Python's 17 digits
    [InlineData("1.7976931348623157")]
    [InlineData("17976931348623157e292")]
    [InlineData("00000000000000000001")] // twenty digits: the mantissa is not gathered
    [InlineData("1e23")]
    [InlineData("1e-23")]
    [InlineData("4.9e-324")] // subnormal
    [InlineData("1e-400")]
    [InlineData("1e0001")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1.5")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("nan")]
    [InlineData("-inf")]
    [InlineData("Infinity")]
    public void Numbers_beyond_one_exact_operation_are_left_to_the_full_parse(string text)
    {
        DictNumber.TryReadPlain(Encoding.ASCII.GetBytes(text), 0, out _, out _, out _).ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("1.5, 'epoch'", 3)]
    [InlineData("1.5e-05}", 7)]
    [InlineData("1.5x", 3)]
    [InlineData("1e5_0", 3)]
    [InlineData("-2.5.3", 4)]
    public void The_number_stops_where_its_form_ends(string text, int expectedEnd)
    {
        DictNumber.TryReadPlain(Encoding.ASCII.GetBytes(text), 0, out _, out var end, out _).ShouldBeTrue(text);

        end.ShouldBe(expectedEnd, text);
    }

    [Fact]
    public void The_number_is_read_where_it_starts_in_the_line()
    {
        var line = "{'loss': 2.7711}"u8;

        DictNumber.TryReadPlain(line, 9, out var value, out var end, out _).ShouldBeTrue();

        value.ShouldBe(2.7711);
        end.ShouldBe(15);
        DictNumber.TryReadPlain(line, line.Length, out _, out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Random_decimals_read_as_double_parse_reads_them_or_not_at_all()
    {
        var random = new Random(11);
        var read = 0;
        for (var n = 0; n < 300_000; n++)
        {
            var text = RandomDecimal(random);
            var bytes = Encoding.ASCII.GetBytes(text);
            if (!DictNumber.TryReadPlain(bytes, 0, out var value, out var end, out _))
            {
                continue;
            }

            read++;
            var token = text[..end];
            Bits(value).ShouldBe(Bits(double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture)), token);
        }

        read.ShouldBeGreaterThan(100_000); // the fast path is what is under test, not the fallback
    }

    [Fact]
    public void Random_bytes_never_read_as_anything_but_double_parse_reads_them()
    {
        var random = new Random(5);
        const string alphabet = "0123456789.-+eE_x,} \0\u00ff";
        for (var n = 0; n < 200_000; n++)
        {
            var chars = new char[random.Next(0, 16)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(2) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10));
            }

            var bytes = Encoding.Latin1.GetBytes(chars);
            var at = random.Next(0, bytes.Length + 1);
            if (DictNumber.TryReadPlain(bytes, at, out var value, out var end, out var integral))
            {
                var token = Encoding.Latin1.GetString(bytes[at..end]);
                Bits(value).ShouldBe(Bits(double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture)), token);
                integral.ShouldBe(token.IndexOfAny(['.', 'e', 'E']) < 0, token);
            }
        }
    }

    [Fact]
    public void The_token_parse_agrees_with_double_parse()
    {
        var random = new Random(13);
        for (var n = 0; n < 100_000; n++)
        {
            var text = RandomDecimal(random);
            DictNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value).ShouldBeTrue(text);
            Bits(value).ShouldBe(Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), text);
        }
    }

    /// <summary>Decimals around the fast path's limits: up to 20 digits, leading zeros, exponents to ±30, halfway cases.</summary>
    private static string RandomDecimal(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(4) == 0)
        {
            builder.Append('-');
        }

        builder.Append(random.Next(6) switch
        {
            0 => "9007199254740993",
            1 => new string('0', random.Next(1, 8)),
            _ => "",
        });
        var digits = random.Next(1, 21);
        for (var i = 0; i < digits; i++)
        {
            builder.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(2) == 0)
        {
            var fraction = random.Next(1, 20);
            builder.Append('.');
            for (var i = 0; i < fraction; i++)
            {
                builder.Append((char)('0' + random.Next(10)));
            }
        }

        if (random.Next(2) == 0)
        {
            builder.Append(random.Next(2) == 0 ? 'e' : 'E');
            builder.Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => "" });
            var exponent = random.Next(0, 31);
            builder.Append(exponent.ToString(random.Next(2) == 0 ? "D2" : "D1", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
