using System.Buffers;
using System.Text;

namespace Trainscope.Reading;

/// <summary>Replaces invalid UTF-8 with U+FFFD so later stages always see valid text.</summary>
public static class Utf8Cleanup
{
    private static ReadOnlySpan<byte> Replacement => [0xEF, 0xBF, 0xBD];

    /// <summary>
    /// Copies <paramref name="line"/> to <paramref name="output"/> replacing each invalid sequence; returns the new length
    /// and how many bytes were invalid. <paramref name="output"/> must hold 3× the input.
    /// </summary>
    public static int Replace(ReadOnlySpan<byte> line, Span<byte> output, out int invalidBytes)
    {
        var w = 0;
        invalidBytes = 0;
        while (!line.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(line, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                line[..consumed].CopyTo(output[w..]);
                w += consumed;
            }
            else
            {
                Replacement.CopyTo(output[w..]);
                w += 3;
                invalidBytes += consumed;
            }

            line = line[consumed..];
        }

        return w;
    }
}
