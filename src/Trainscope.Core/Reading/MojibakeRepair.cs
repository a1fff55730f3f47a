using System.Buffers;
using System.Text;

namespace Trainscope.Reading;

/// <summary>
/// Repairs double-encoded UTF-8: text whose UTF-8 bytes were once decoded as a Windows code page (1252, or 1254 as
/// Turkish systems do) and encoded to UTF-8 again, so `训练` reads `è®­ç»ƒ`. Each character maps back to the byte it
/// came from; the bytes are the original UTF-8. Bytes the first decoding dropped (soft hyphen, undefined code points)
/// cannot come back and become U+FFFD.
/// </summary>
public static class MojibakeRepair
{
    private static readonly Dictionary<char, byte> HighChars = BuildHighChars();

    /// <summary>True when the sample has lines that repair into valid multi-byte UTF-8 and none that look native.</summary>
    public static bool Detect(IEnumerable<string> lines)
    {
        var repairable = 0;
        foreach (var line in lines)
        {
            if (IsAscii(line))
            {
                continue;
            }

            if (TryMap(line, out var bytes) && Score(bytes) > 0)
            {
                repairable++;
            }
        }

        return repairable >= 2;
    }

    /// <summary>
    /// Repairs one UTF-8 line into <paramref name="output"/> (3× the input in size). Returns the repaired length, or -1
    /// when the line does not look double-encoded (it is then left as it was).
    /// </summary>
    public static int TryRepair(ReadOnlySpan<byte> line, Span<byte> output)
    {
        var text = Encoding.UTF8.GetString(line);
        if (!TryMap(text, out var bytes) || Score(bytes) <= 0)
        {
            return -1;
        }

        return Utf8Cleanup.Replace(bytes, output, out _);
    }

    private static bool TryMap(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= 0xFF)
            {
                bytes[i] = (byte)c;
            }
            else if (HighChars.TryGetValue(c, out var b))
            {
                bytes[i] = b;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Valid multi-byte sequences minus invalid ones: positive means the mapping recovered more text than it broke.</summary>
    private static int Score(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                invalid++;
            }
            else if (consumed > 1)
            {
                valid++;
            }

            bytes = bytes[consumed..];
        }

        return valid - invalid;
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<char, byte> BuildHighChars()
    {
        // Code page 1252 (0x80–0x9F) and the six letters where 1254 differs from Latin-1. Facts from the code page tables.
        var map = new Dictionary<char, byte>();
        const string cp1252 = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";
        for (var i = 0; i < cp1252.Length; i++)
        {
            if (cp1252[i] != '\0')
            {
                map[cp1252[i]] = (byte)(0x80 + i);
            }
        }

        map['Ğ'] = 0xD0;
        map['İ'] = 0xDD;
        map['Ş'] = 0xDE;
        map['ğ'] = 0xF0;
        map['ı'] = 0xFD;
        map['ş'] = 0xFE;
        return map;
    }
}
