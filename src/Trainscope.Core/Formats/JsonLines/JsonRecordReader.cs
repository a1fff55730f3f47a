using System.Text.Json;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>Reads one JSON object's top-level keys into a <see cref="LoggedRecord"/>; nested objects are skipped.</summary>
internal static class JsonRecordReader
{
    private const int MaxArrayElements = 256;

    /// <summary>
    /// The reader must be on the object's <see cref="JsonTokenType.StartObject"/>; it is left on the matching end.
    /// Returns false when the object is cut short. Malformed JSON throws <see cref="JsonException"/> (callers catch it).
    /// </summary>
    public static bool Read(ref Utf8JsonReader reader, LoggedRecord record, Span<byte> keyScratch)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            var key = Key(ref reader, keyScratch);
            if (!reader.Read())
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (TryNumber(ref reader, out var value))
                    {
                        record.Number(key, value, reader.ValueSpan.IndexOfAny(".eE"u8) < 0);
                    }

                    break;
                case JsonTokenType.String:
                    ReadString(ref reader, key, record);
                    break;
                case JsonTokenType.StartArray:
                    if (!ReadArray(ref reader, key, record))
                    {
                        return false;
                    }

                    break;
                case JsonTokenType.StartObject:
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    break;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> Key(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        // Rare (`"\u00b5s"`); a key longer than the scratch is kept unescaped rather than failing the record.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan;
    }

    private static void ReadString(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> key, LoggedRecord record)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return; // escaped text is neither a special number nor a duration
        }

        var text = reader.ValueSpan;
        if (JsonSpecialTokens.TryValue(text, out var special))
        {
            record.Number(key, special, false);
        }
        else
        {
            record.Text(key, text);
        }
    }

    private static bool ReadArray(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> key, LoggedRecord record)
    {
        var index = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    return true;
                case JsonTokenType.Number when index < MaxArrayElements:
                    if (TryNumber(ref reader, out var value))
                    {
                        record.Element(key, index, value);
                    }

                    break;
                case JsonTokenType.String when index < MaxArrayElements && !reader.ValueIsEscaped:
                    if (JsonSpecialTokens.TryValue(reader.ValueSpan, out var special))
                    {
                        record.Element(key, index, special);
                    }

                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    break;
            }

            index++;
        }

        return false;
    }

    private static bool TryNumber(ref Utf8JsonReader reader, out double value)
        => reader.TryGetDouble(out value) || Utf8Number.TryParse(reader.ValueSpan, out value);
}
