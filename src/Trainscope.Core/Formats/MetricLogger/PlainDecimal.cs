using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.MetricLogger;

/// <summary>Parses the plain decimals MetricLogger prints (`0.000100`, `-12.5`, `4851`) faster than the general parser.</summary>
internal static class PlainDecimal
{
    /// <summary>Parses the whole token; anything unusual (exponents, `nan`, long mantissas) goes to <see cref="Utf8Number"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
        => (TryParseLeading(token, out value, out var length) && length == token.Length) || Utf8Number.TryParse(token, out value);

    /// <summary>
    /// Reads a plain decimal at the start of <paramref name="text"/> and says where it ends, so a field's value is
    /// scanned and parsed in one pass. False for anything <see cref="TryParse"/> would hand to the general parser (no
    /// digits, more than 15); the caller then reads the field the general way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the line reader's loop, where every value goes through it
    public static bool TryParseLeading(ReadOnlySpan<byte> text, out double value, out int length)
    {
        var i = 0;
        var negative = (uint)i < (uint)text.Length && text[0] == (byte)'-';
        if (negative)
        {
            i = 1;
        }

        long mantissa = 0;
        int digits;
        var fraction = 0;
        if (text.Length - i >= 8
            && DigitRun.TryReadShortDecimal(BinaryPrimitives.ReadUInt64LittleEndian(text[i..]), out mantissa, out digits, out fraction, out var read))
        {
            // The usual value (`0.4620`, `15722`) and the byte after it fit in one eight-byte word.
            i += read;
        }
        else
        {
            mantissa = 0;
            digits = DigitRun.Read(text, ref i, ref mantissa);
            fraction = 0;
            if ((uint)i < (uint)text.Length && text[i] == (byte)'.')
            {
                i++;
                fraction = DigitRun.Read(text, ref i, ref mantissa);
                digits += fraction;
            }
        }

        length = i;
        if (digits == 0 || digits > 15)
        {
            value = 0;
            return false;
        }

        value = fraction > 0 ? mantissa / ExactPowersOfTen.Values[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
