using System.Text;

namespace Trainscope.Formats.Text;

/// <summary>Turns a line into the short text an event keeps.</summary>
public static class EventText
{
    /// <summary>The longest text an event keeps; evidence points at the full line by number and offset.</summary>
    public const int MaxLength = 400;

    public static string From(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t"u8);
        var text = Encoding.UTF8.GetString(line.Length > MaxLength * 4 ? line[..(MaxLength * 4)] : line);
        return text.Length > MaxLength ? string.Concat(text.AsSpan(0, MaxLength - 1), "…") : text;
    }
}
