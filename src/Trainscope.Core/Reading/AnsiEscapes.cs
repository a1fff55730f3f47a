namespace Trainscope.Reading;

/// <summary>Removes terminal escape sequences (colours, cursor moves, erase-line) from a line.</summary>
public static class AnsiEscapes
{
    /// <summary>Copies <paramref name="line"/> into <paramref name="output"/> without escapes; returns the new length.</summary>
    public static int Strip(ReadOnlySpan<byte> line, Span<byte> output)
    {
        var w = 0;
        var i = 0;
        while (i < line.Length)
        {
            var esc = line[i..].IndexOf((byte)0x1B);
            if (esc < 0)
            {
                line[i..].CopyTo(output[w..]);
                return w + line.Length - i;
            }

            line.Slice(i, esc).CopyTo(output[w..]);
            w += esc;
            i = SkipSequence(line, i + esc);
        }

        return w;
    }

    private static int SkipSequence(ReadOnlySpan<byte> line, int esc)
    {
        var i = esc + 1;
        if (i >= line.Length)
        {
            return i;
        }

        switch (line[i])
        {
            case (byte)'[':
                // CSI: parameters and intermediates, then one final byte in @..~
                i++;
                while (i < line.Length && line[i] is >= 0x20 and <= 0x3F)
                {
                    i++;
                }

                return i < line.Length ? i + 1 : i;
            case (byte)']':
                // OSC: ends with BEL or ESC \
                i++;
                while (i < line.Length)
                {
                    if (line[i] == 0x07)
                    {
                        return i + 1;
                    }

                    if (line[i] == 0x1B && i + 1 < line.Length && line[i + 1] == (byte)'\\')
                    {
                        return i + 2;
                    }

                    i++;
                }

                return i;
            case (byte)'(' or (byte)')' or (byte)'#':
                return Math.Min(line.Length, i + 2);
            default:
                return i + 1;
        }
    }
}
