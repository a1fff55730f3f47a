namespace Trainscope.Formats.JsonLines;

/// <summary>
/// Python's `json.dumps` writes the non-standard tokens `NaN`, `Infinity` and `-Infinity` (detectron2's
/// `metrics.json`, HF's `trainer_state.json`); `Utf8JsonReader` rejects them. Lines that contain them are copied
/// with those tokens quoted, and the record reader takes the strings `"NaN"`, `"Infinity"`, `"-Infinity"` as numbers.
/// </summary>
internal static class JsonSpecialTokens
{
    /// <summary>Cheap vectorised test; false means the line can be read as it is.</summary>
    public static bool MayContain(ReadOnlySpan<byte> json) => json.IndexOf("NaN"u8) >= 0 || json.IndexOf("Infinity"u8) >= 0;

    /// <summary>Copies <paramref name="json"/> into <paramref name="buffer"/> (grown as needed) with bare special tokens quoted; returns the length.</summary>
    public static int Quote(ReadOnlySpan<byte> json, ref byte[] buffer)
    {
        // A quoted `NaN` grows from 3 to 5 bytes, the worst case.
        var needed = (json.Length * 2) + 16;
        if (buffer.Length < needed)
        {
            buffer = new byte[needed];
        }

        var output = buffer.AsSpan();
        var n = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                output[n++] = b;
                if (b == (byte)'\\' && i + 1 < json.Length)
                {
                    output[n++] = json[++i];
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            var token = SpecialLength(json[i..]);
            if (token > 0)
            {
                output[n++] = (byte)'"';
                json.Slice(i, token).CopyTo(output[n..]);
                n += token;
                output[n++] = (byte)'"';
                i += token - 1;
                continue;
            }

            inString = b == (byte)'"';
            output[n++] = b;
        }

        return n;
    }

    /// <summary>The value of a quoted special token, as the record reader sees it after <see cref="Quote"/>.</summary>
    public static bool TryValue(ReadOnlySpan<byte> text, out double value)
    {
        value = text.SequenceEqual("NaN"u8) ? double.NaN
            : text.SequenceEqual("Infinity"u8) ? double.PositiveInfinity
            : text.SequenceEqual("-Infinity"u8) ? double.NegativeInfinity
            : 0;
        return value != 0;
    }

    private static int SpecialLength(ReadOnlySpan<byte> rest) => rest[0] switch
    {
        (byte)'N' when rest.StartsWith("NaN"u8) => 3,
        (byte)'I' when rest.StartsWith("Infinity"u8) => 8,
        (byte)'-' when rest.StartsWith("-Infinity"u8) => 9,
        _ => 0,
    };
}
