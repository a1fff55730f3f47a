using Trainscope.Formats.Text;

namespace Trainscope.Formats.Diagnostics;

/// <summary>GPU names: `GPU 0: NVIDIA A100-SXM4-80GB (UUID: …)`, nvidia-smi table rows, and a bare `NVIDIA H100 80GB HBM3`.</summary>
internal static class GpuNameLine
{
    /// <summary>Reads a GPU name; <paramref name="isTableRow"/> says the memory is on the next line of the table.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> name, out long? index, out bool isTableRow)
    {
        name = default;
        index = null;
        isTableRow = false;
        if (body.StartsWith("GPU "u8))
        {
            var i = 4;
            if (!SpanFields.TryReadLong(body, ref i, out var gpu) || i >= body.Length || body[i] != (byte)':')
            {
                return false;
            }

            index = gpu;
            var rest = SpanFields.TrimSpaces(body[(i + 1)..]);
            var uuid = rest.IndexOf(" (UUID"u8);
            name = uuid >= 0 ? rest[..uuid] : rest;
            return IsGpuName(name);
        }

        if (body.StartsWith("|"u8))
        {
            // `|   0  NVIDIA H100 80GB HBM3          On  |   00000000:18:00.0 Off |`
            var i = SpanFields.SkipSpaces(body, 1);
            if (!SpanFields.TryReadLong(body, ref i, out var gpu))
            {
                return false;
            }

            var rest = body[SpanFields.SkipSpaces(body, i)..];
            var end = rest.IndexOf("  "u8);
            var bar = rest.IndexOf((byte)'|');
            end = end < 0 || (bar >= 0 && bar < end) ? bar : end;
            name = SpanFields.TrimSpaces(end < 0 ? rest : rest[..end]);
            index = gpu;
            isTableRow = true;
            return IsGpuName(name);
        }

        name = body;
        return body.Length <= 64 && body.IndexOfAny(":|=,"u8) < 0 && body.StartsWith("NVIDIA "u8) && IsGpuName(body);
    }

    /// <summary>The largest `81559MiB` figure on the line (nvidia-smi prints used / total), or null.</summary>
    public static double? MemoryMiB(ReadOnlySpan<byte> text)
    {
        double? best = null;
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf("MiB"u8);
            if (at < 0)
            {
                break;
            }

            var end = from + at;
            var start = end;
            while (start > 0 && (uint)(text[start - 1] - '0') <= 9)
            {
                start--;
            }

            if (start < end && Utf8Number.TryParse(text[start..end], out var mib) && (best is null || mib > best))
            {
                best = mib;
            }

            from = end + 3;
        }

        return best;
    }

    private static bool IsGpuName(ReadOnlySpan<byte> name)
        => name.Length is > 4 and <= 64 && (name.StartsWith("NVIDIA "u8) || name.StartsWith("Tesla "u8) || name.StartsWith("Quadro "u8)
            || name.StartsWith("GeForce "u8) || name.StartsWith("AMD "u8)) && name.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0;
}
