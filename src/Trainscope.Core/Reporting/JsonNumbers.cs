using System.Globalization;
using System.Text.Json;

namespace Trainscope.Reporting;

/// <summary>Writes numbers the way our JSON promises: NaN and infinities as strings, unknowns as null.</summary>
internal static class JsonNumbers
{
    /// <summary>Room for any finite double in the shortest form that reads back the same (`-1.2345678901234567E-308`).</summary>
    public const int MaxDoubleLength = 32;

    /// <summary>
    /// Writes a finite <paramref name="value"/> as <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> writes it (the
    /// shortest text that reads back the same), for text written once and used more than once; returns its length.
    /// </summary>
    public static int Format(double value, Span<byte> utf8)
    {
        if (!double.IsFinite(value) || !value.TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a finite double that fits in MaxDoubleLength bytes");
        }

        return written;
    }

    public static void Write(Utf8JsonWriter writer, string name, double? value)
    {
        writer.WritePropertyName(name);
        Write(writer, value);
    }

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        writer.WritePropertyName(name);
        Write(writer, value);
    }

    public static void Write(Utf8JsonWriter writer, double? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case double v when double.IsNaN(v):
                writer.WriteStringValue("NaN");
                break;
            case double.PositiveInfinity:
                writer.WriteStringValue("Infinity");
                break;
            case double.NegativeInfinity:
                writer.WriteStringValue("-Infinity");
                break;
            case double v:
                writer.WriteNumberValue(v);
                break;
        }
    }

    public static void Write(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Write(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is DateTime v)
        {
            writer.WriteString(name, v.ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
