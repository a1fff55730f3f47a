using System.Globalization;
using Trainscope.Formats.Text;

namespace Trainscope.Cli.Presentation;

/// <summary>
/// Finds how a value was written in its line (`0.5000`, `1e-04`), so feeds can print numbers as the job wrote them
/// rather than as we would format them; falls back to the shortest round-trip form.
/// </summary>
internal static class NumberText
{
    /// <summary>Appends the value's text to <paramref name="output"/>; <paramref name="cursor"/> moves past a match.</summary>
    public static void Append(System.Text.StringBuilder output, ReadOnlySpan<byte> line, double value, ref int cursor)
    {
        if (double.IsFinite(value))
        {
            var (start, length) = Find(line, value, cursor);
            if (length == 0)
            {
                (start, length) = Find(line, value, 0);
            }

            if (length > 0)
            {
                foreach (var b in line.Slice(start, length))
                {
                    output.Append((char)b);
                }

                cursor = start + length;
                return;
            }
        }

        output.Append(double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
            : value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static (int Start, int Length) Find(ReadOnlySpan<byte> line, double value, int from)
    {
        for (var i = Math.Min(from, line.Length); i < line.Length; i++)
        {
            var b = line[i];
            var startsNumber = (uint)(b - '0') <= 9 || ((b == '-' || b == '+' || b == '.') && i + 1 < line.Length && (uint)(line[i + 1] - '0') <= 9);
            if (!startsNumber || (i > 0 && IsWordByte(line[i - 1])))
            {
                continue;
            }

            var length = Utf8Number.ScanLength(line[i..]);
            if (length > 0 && Utf8Number.TryParse(line.Slice(i, length), out var parsed) && parsed == value)
            {
                return (i, length);
            }

            i += Math.Max(0, length - 1);
        }

        return (0, 0);
    }

    private static bool IsWordByte(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '_' || b == '.';
}
