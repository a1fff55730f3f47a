using System.Buffers.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>The value of a JSON number token, exactly as <see cref="JsonRecordReader"/> reads it.</summary>
internal static class JsonNumber
{
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        // `Utf8JsonReader.TryGetDouble` refuses what overflows to infinity; the general reader then reads it this way.
        if (Utf8Parser.TryParse(token, out value, out var consumed) && consumed == token.Length && double.IsFinite(value))
        {
            return true;
        }

        return Utf8Number.TryParse(token, out value);
    }
}
