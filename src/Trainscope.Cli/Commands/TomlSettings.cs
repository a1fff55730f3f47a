using System.Globalization;
using System.Text;
using System.Text.Json;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Trainscope.Cli.Commands;

/// <summary>Translates `trainscope.toml` into the JSON shape of `trainscope.json`, so both are validated by one reader.</summary>
internal static class TomlSettings
{
    /// <summary>The TOML document as JSON text; throws <see cref="FormatException"/> naming the file when it is not valid TOML.</summary>
    public static string ToJson(string toml, string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize(toml, TomlModelContext.Default.TomlTable) ?? new TomlTable();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The parser reports syntax errors with several exception types; all mean the same to the user.
            throw new FormatException($"{path}: not valid TOML ({e.Message})", e);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, table);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var (key, inner) in table)
                {
                    writer.WritePropertyName(key);
                    Write(writer, inner);
                }

                writer.WriteEndObject();
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case TomlTableArray tables:
                writer.WriteStartArray();
                foreach (var item in tables)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

/// <summary>Reads TOML into the untyped model with generated metadata, so no reflection is needed (trimmed or Native AOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
