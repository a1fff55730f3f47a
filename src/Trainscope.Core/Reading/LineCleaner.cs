using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Trainscope.Reading;

/// <summary>
/// Turns a raw line into the text formats see: ANSI escapes and NUL bytes removed, invalid UTF-8 replaced,
/// double-encoded UTF-8 repaired, binary junk rejected. Clean ASCII lines — nearly all of a training log — pass through
/// with two vectorised scans and no copy.
/// </summary>
public sealed class LineCleaner
{
    private static readonly SearchValues<byte> Suspicious = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14,
         0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private byte[] _scratch = new byte[4096];
    private byte[] _scratch2 = new byte[4096];

    /// <summary>Repair double-encoded UTF-8 (decided per source from its first lines).</summary>
    public bool RepairMojibake { get; set; }

    /// <summary>Lines whose invalid UTF-8 was replaced.</summary>
    public long InvalidUtf8Lines { get; private set; }

    /// <summary>Lines repaired from double-encoded UTF-8.</summary>
    public long RepairedLines { get; private set; }

    public LineStatus Clean(ReadOnlySpan<byte> raw, out ReadOnlySpan<byte> text)
    {
        text = raw;
        var controlAt = raw.IndexOfAny(Suspicious);
        var asciiOnly = Ascii.IsValid(raw);
        if (controlAt < 0 && asciiOnly)
        {
            return IsBlank(raw) ? LineStatus.Empty : LineStatus.Text;
        }

        if (controlAt >= 0)
        {
            var status = RemoveControls(raw, out text);
            if (status != LineStatus.Text)
            {
                return status;
            }

            asciiOnly = Ascii.IsValid(text);
        }

        if (!asciiOnly && !FixEncoding(ref text))
        {
            return LineStatus.Binary;
        }

        return IsBlank(text) ? LineStatus.Empty : LineStatus.Text;
    }

    private LineStatus RemoveControls(ReadOnlySpan<byte> raw, out ReadOnlySpan<byte> text)
    {
        var buffer = Ensure(ref _scratch, raw.Length);
        var length = raw.Contains((byte)0x1B) ? AnsiEscapes.Strip(raw, buffer) : Copy(raw, buffer);
        var nul = 0;
        var control = 0;
        var w = 0;
        for (var i = 0; i < length; i++)
        {
            var b = buffer[i];
            if (b == 0)
            {
                nul++;
                continue;
            }

            if (b < 0x20 && b != (byte)'\t')
            {
                // Stray controls (backspace, bell, leftover escapes) are dropped; many of them mean binary.
                control++;
                continue;
            }

            buffer[w++] = b;
        }

        text = buffer.AsSpan(0, w);
        if (w == 0)
        {
            return nul > 0 ? LineStatus.Nul : LineStatus.Empty;
        }

        if (control * 10 > w || (nul > 0 && IsMostlyInvalid(text)))
        {
            return LineStatus.Binary;
        }

        return LineStatus.Text;
    }

    /// <summary>Replaces invalid UTF-8 and repairs mojibake; false when the line is mostly invalid bytes (binary).</summary>
    private bool FixEncoding(ref ReadOnlySpan<byte> text)
    {
        if (!Utf8.IsValid(text))
        {
            var buffer = Ensure(ref _scratch2, text.Length * 3);
            var length = Utf8Cleanup.Replace(text, buffer, out var invalid);
            if (invalid * 3 > text.Length)
            {
                return false;
            }

            InvalidUtf8Lines++;
            text = buffer.AsSpan(0, length);
        }

        if (RepairMojibake)
        {
            var target = text.Overlaps(_scratch) ? Ensure(ref _scratch2, text.Length * 3) : Ensure(ref _scratch, text.Length * 3);
            if (text.Overlaps(target))
            {
                // Both buffers in use: repair from a copy.
                var copy = text.ToArray();
                text = copy;
            }

            var length = MojibakeRepair.TryRepair(text, target);
            if (length >= 0)
            {
                RepairedLines++;
                text = target.AsSpan(0, length);
            }
        }

        return true;
    }

    private static bool IsMostlyInvalid(ReadOnlySpan<byte> text)
    {
        var invalid = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out _, out var consumed) != OperationStatus.Done)
            {
                invalid += consumed;
            }

            rest = rest[consumed..];
        }

        return invalid * 3 > text.Length;
    }

    private static bool IsBlank(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(" \t"u8) < 0;

    private static int Copy(ReadOnlySpan<byte> raw, Span<byte> buffer)
    {
        raw.CopyTo(buffer);
        return raw.Length;
    }

    private static byte[] Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }

        return buffer;
    }
}
