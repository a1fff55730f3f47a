using System.Text;
using System.Text.Json;
using Trainscope.Reporting;

namespace Trainscope.Tests.Reporting;

public sealed class JsonNumbersTests
{
    [Fact]
    public void A_double_formatted_once_is_what_the_json_writer_writes_for_it()
    {
        var random = new Random(11);
        var values = new List<double> { 0, -0.0, 1, 0.1, 9.999999999999782e-05, 1e21, 1e-7, 123456789012345680, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon };
        for (var i = 0; i < 50_000; i++)
        {
            // Any finite bit pattern, and values of the sizes metrics have.
            var bits = BitConverter.Int64BitsToDouble(random.NextInt64());
            values.Add(double.IsFinite(bits) ? bits : random.NextDouble());
            values.Add((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)));
        }

        Span<byte> text = stackalloc byte[JsonNumbers.MaxDoubleLength];
        foreach (var value in values)
        {
            var length = JsonNumbers.Format(value, text);
            Encoding.ASCII.GetString(text[..length]).ShouldBe(Written(value), $"{value:R}");
        }
    }

    [Fact]
    public void Only_finite_doubles_are_formatted()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => JsonNumbers.Format(double.NaN, new byte[JsonNumbers.MaxDoubleLength]));
    }

    private static string Written(double value)
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteNumberValue(value);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }
}
