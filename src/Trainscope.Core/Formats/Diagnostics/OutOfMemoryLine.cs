using System.Globalization;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.Diagnostics;

/// <summary>Facts of a CUDA out-of-memory message: how much it tried to allocate and the GPU's total.</summary>
internal static class OutOfMemoryLine
{
    public static bool Matches(ReadOnlySpan<byte> text)
        => text.IndexOf("out of memory"u8) >= 0 || text.IndexOf("OutOfMemory"u8) >= 0;

    /// <summary>GiB tried to allocate (`Tried to allocate 100.00 MiB` → 0.0977), if printed.</summary>
    public static double? TriedGiB(ReadOnlySpan<byte> text)
    {
        var at = text.IndexOf("Tried to allocate "u8);
        if (at < 0)
        {
            return null;
        }

        var i = at + "Tried to allocate "u8.Length;
        if (!SpanFields.TryReadNumber(text, i, out var amount, out var end))
        {
            return null;
        }

        return ToGiB(amount, SpanFields.Token(text, SpanFields.SkipSpaces(text, end)));
    }

    /// <summary>`gpu` and `gpu_total` from `(GPU 0; 12.00 GiB total capacity` or `GPU 0 has a total capacity of 79.15 GiB`.</summary>
    public static Dictionary<string, string> Attributes(ReadOnlySpan<byte> text, ReadOnlySpan<byte> exceptionType)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!exceptionType.IsEmpty)
        {
            attributes["exception"] = System.Text.Encoding.UTF8.GetString(exceptionType);
        }

        var gpuAt = text.IndexOf("GPU "u8);
        var i = gpuAt + 4;
        if (gpuAt >= 0 && SpanFields.TryReadLong(text, ref i, out var gpu))
        {
            attributes["gpu"] = gpu.ToString(CultureInfo.InvariantCulture);
        }

        var total = text.IndexOf(" total"u8);
        var capacityOf = text.IndexOf("total capacity of "u8);
        if (capacityOf >= 0)
        {
            attributes["gpu_total"] = Amount(text, capacityOf + "total capacity of "u8.Length);
        }
        else if (total > 0)
        {
            // `12.00 GiB total`: walk back over the unit and the number.
            var start = text[..total].LastIndexOfAny(";("u8) + 1;
            attributes["gpu_total"] = System.Text.Encoding.UTF8.GetString(SpanFields.TrimSpaces(text[start..total]));
        }

        return attributes;
    }

    private static string Amount(ReadOnlySpan<byte> text, int i)
    {
        var number = SpanFields.Token(text, i);
        var unitStart = SpanFields.SkipSpaces(text, i + number.Length);
        var unit = SpanFields.Token(text, unitStart);
        return System.Text.Encoding.UTF8.GetString(number) + " " + System.Text.Encoding.UTF8.GetString(unit.TrimEnd((byte)'.'));
    }

    private static double? ToGiB(double amount, ReadOnlySpan<byte> unit) => unit switch
    {
        _ when unit.StartsWith("GiB"u8) || unit.StartsWith("GB"u8) => amount,
        _ when unit.StartsWith("MiB"u8) || unit.StartsWith("MB"u8) => amount / 1024,
        _ when unit.StartsWith("KiB"u8) || unit.StartsWith("KB"u8) => amount / (1024 * 1024),
        _ when unit.StartsWith("TiB"u8) => amount * 1024,
        _ when unit.StartsWith("B"u8) => amount / (1024.0 * 1024 * 1024),
        _ => null,
    };
}
