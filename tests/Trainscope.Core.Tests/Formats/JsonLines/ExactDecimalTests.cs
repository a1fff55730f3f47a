using System.Globalization;
using System.Numerics;
using Trainscope.Formats.JsonLines;

namespace Trainscope.Tests.Formats.JsonLines;

/// <summary>
/// The exact decimal paths against <c>double.Parse</c>: whenever they answer, they give its double bit for bit; and
/// they do answer for the numbers logs are made of, so a path that gave up on everything would fail here too.
/// </summary>
public class ExactDecimalTests
{
    [Fact]
    public void Random_mantissas_and_scales_give_the_double_that_double_Parse_gives()
    {
        var random = new Random(20260512);
        var answered = 0;
        const int Cases = 400_000;
        for (var i = 0; i < Cases; i++)
        {
            var digits = random.Next(1, ExactDecimal.MaxDigits + 1);
            var mantissa = RandomMantissa(random, digits);
            var scale = random.Next(4) == 0 ? random.Next(-360, 330) : random.Next(-40, 25);
            answered += Check(mantissa, scale, negative: random.Next(2) == 0) ? 1 : 0;
        }

        // Everything but zero, subnormals, overflow and a few near-ties is answered without the full parser.
        answered.ShouldBeGreaterThan(Cases * 8 / 10);
    }

    [Fact]
    public void Shortest_and_seventeen_digit_forms_of_random_doubles_give_the_same_double()
    {
        var random = new Random(5);
        var answered = 0;
        var cases = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64() & long.MaxValue);
            if (!double.IsFinite(value))
            {
                continue;
            }

            foreach (var format in (string[])["R", "G17", "E16", "E15"])
            {
                var (mantissa, scale) = Decompose(value.ToString(format, CultureInfo.InvariantCulture));
                cases++;
                answered += mantissa is ulong m && Check(m, scale, negative: false) ? 1 : 0;
            }
        }

        answered.ShouldBeGreaterThan(cases * 9 / 10);
    }

    [Fact]
    public void Values_as_logs_print_them_are_answered_without_the_full_parser()
    {
        // The shapes of DETR's `log.txt`: Python's repr of losses, learning rates and small fractions.
        var random = new Random(3);
        for (var i = 0; i < 50_000; i++)
        {
            var value = random.NextDouble() * Math.Pow(10, random.Next(-12, 4));
            var (mantissa, scale) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
            if (mantissa is ulong m && m != 0)
            {
                Check(m, scale, negative: false).ShouldBeTrue($"{m}e{scale}");
            }
        }
    }

    [Theory]
    [InlineData("9007199254740993")] // halfway between 2^53 and 2^53 + 2: ties to even, down
    [InlineData("9007199254740995")] // halfway, ties to even, up
    [InlineData("90071992547409930e-1")]
    [InlineData("90071992547409950e-1")]
    [InlineData("9007199254740993000")]
    [InlineData("18014398509481986")]
    [InlineData("4503599627370496.5")]
    [InlineData("4503599627370497.5")]
    [InlineData("45035996273704965e-1")]
    [InlineData("1125899906842624.125")]
    [InlineData("1125899906842624.375")]
    [InlineData("0.50000000000000000")]
    [InlineData("12500000000000000000e-19")]
    [InlineData("9999999999999999999")]
    [InlineData("1844674407370955161")]
    [InlineData("9.999999999999782e-05")]
    [InlineData("13.951624247222965")]
    [InlineData("0.8649866608274107")]
    [InlineData("2.2250738585072014e-308")] // the smallest normal
    [InlineData("2.2250738585072011e-308")] // the largest subnormal
    [InlineData("2.2250738585072012e-308")] // rounds up to the smallest normal
    [InlineData("4.9e-324")]
    [InlineData("2.4703282292062327e-324")] // just under half the smallest subnormal
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623158e308")] // rounds down to the largest double
    [InlineData("1.7976931348623159e308")] // overflows
    [InlineData("1e-342")]
    [InlineData("9999999999999999999e-343")]
    [InlineData("1e308")]
    [InlineData("1e23")]
    [InlineData("8.41e21")]
    [InlineData("7.4109846876186982e-323")]
    [InlineData("2.9802322387695312e-8")]
    [InlineData("0.1")]
    [InlineData("1.00000000000000011102230246251565404236316680908203125e0")]
    public void Edge_cases_give_the_same_double_or_fall_back(string text)
    {
        var (mantissa, scale) = Decompose(text);
        if (mantissa is ulong m)
        {
            Check(m, scale, negative: false);
            Check(m, scale, negative: true);
        }
    }

    [Fact]
    public void Halfway_points_between_neighbouring_doubles_give_the_same_double_or_fall_back()
    {
        // m·2^e with m odd and 54 bits sits exactly between two doubles; with e from −4 to 10 it has at most 19 digits.
        var random = new Random(9);
        for (var i = 0; i < 20_000; i++)
        {
            var odd = (1UL << 53) | (ulong)random.NextInt64(1L << 53) | 1;
            var e = random.Next(-4, 11);
            var exact = e >= 0 ? new BigInteger(odd) << e : new BigInteger(odd) * BigInteger.Pow(5, -e);
            var scale = Math.Min(e, 0);
            if (exact < ulong.MaxValue && exact.ToString(CultureInfo.InvariantCulture).Length <= ExactDecimal.MaxDigits)
            {
                Check((ulong)exact, scale, negative: false);
                Check((ulong)exact + 1, scale, negative: false);
                Check((ulong)exact - 1, scale, negative: false);
            }
        }
    }

    [Fact]
    public void Zero_is_left_to_the_parser_for_its_sign()
    {
        ExactDecimal.TryCompute(0, -3, negative: true, out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_power_of_five_is_its_value_rounded_down_to_128_bits()
    {
        for (var q = PowersOfFive.Smallest; q <= PowersOfFive.Largest; q++)
        {
            var power = PowersOfFive.Of(q);
            var mantissa = (new BigInteger(power.High) << 64) | power.Low;
            (mantissa >> 127).ShouldBe(BigInteger.One, $"5^{q}");

            // 5^q · 2^-e as a fraction numerator / denominator, rounded down.
            var numerator = q >= 0 ? BigInteger.Pow(5, q) : BigInteger.One;
            var denominator = q >= 0 ? BigInteger.One : BigInteger.Pow(5, -q);
            if (power.Exponent >= 0)
            {
                denominator <<= power.Exponent;
            }
            else
            {
                numerator <<= -power.Exponent;
            }

            var floor = BigInteger.DivRem(numerator, denominator, out var remainder);
            floor.ShouldBe(mantissa, $"5^{q}");
            (remainder.IsZero).ShouldBe(q is >= 0 and <= PowersOfFive.LargestExact, $"5^{q} exact");
        }
    }

    /// <summary>Checks one number; returns whether the fast path answered.</summary>
    private static bool Check(ulong mantissa, int scale, bool negative)
    {
        if (!ExactDecimal.TryCompute(mantissa, scale, negative, out var value))
        {
            return false;
        }

        var text = (negative ? "-" : "") + mantissa.ToString(CultureInfo.InvariantCulture) + "e" + scale.ToString(CultureInfo.InvariantCulture);
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(expected), text);
        return true;
    }

    private static ulong RandomMantissa(Random random, int digits)
    {
        ulong mantissa = (ulong)random.Next(1, 10);
        for (var d = 1; d < digits; d++)
        {
            // Runs of zeros and nines sit next to rounding boundaries more often than random digits.
            var digit = random.Next(6) switch
            {
                0 => 0,
                1 => 9,
                _ => random.Next(10),
            };
            mantissa = (mantissa * 10) + (ulong)digit;
        }

        return mantissa;
    }

    /// <summary>`1.25e-3` as (125, −5); null when the digits do not fit <see cref="ExactDecimal.MaxDigits"/>.</summary>
    private static (ulong? Mantissa, int Scale) Decompose(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var scale = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var number = e < 0 ? text : text[..e];
        var dot = number.IndexOf('.');
        if (dot >= 0)
        {
            scale -= number.Length - dot - 1;
            number = number.Remove(dot, 1);
        }

        number = number.TrimStart('0');
        return number.Length is > 0 and <= ExactDecimal.MaxDigits ? (ulong.Parse(number, CultureInfo.InvariantCulture), scale) : (null, scale);
    }
}
