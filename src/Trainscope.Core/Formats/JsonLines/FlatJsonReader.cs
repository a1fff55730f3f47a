using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// Reads the common shape of a JSON line without <see cref="System.Text.Json.Utf8JsonReader"/>: one flat object of
/// plain ASCII keys whose values are numbers, plain strings, literals, bare `NaN`/`Infinity`, or arrays of numbers.
/// It gives up (returns false) on anything else — escapes, non-ASCII, nesting, comments, malformed or cut text — and
/// the caller then reads the line with the general reader, which starts the record over; so whatever it accepts it
/// must read exactly as the general reader does.
/// </summary>
internal static class FlatJsonReader
{
    private const int MaxArrayElements = 256;

    /// <summary>10^0 … 10^8, to shift a mantissa left by one run of eight digits or fewer.</summary>
    private static ReadOnlySpan<ulong> PowersOfTen => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    /// <summary><paramref name="json"/> is the trimmed line, starting with `{` and ending with `}`.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, LoggedRecord record, RecordKeyCache keys)
    {
        var i = SkipSpaces(json, 1);
        if (i < json.Length && json[i] == (byte)'}')
        {
            return i == json.Length - 1;
        }

        for (var slot = 0; ; slot++)
        {
            if (!keys.TryRepeat(slot, json, ref i, out var key))
            {
                if (!TryReadString(json, ref i, out var keyBytes))
                {
                    return false;
                }

                key = keys.Get(slot, keyBytes);
                i = SkipSpaces(json, i);
                if (i >= json.Length || json[i] != (byte)':')
                {
                    return false;
                }

                i++;
            }

            i = SkipSpaces(json, i);
            if (i >= json.Length || !TryReadValue(json, ref i, key, record))
            {
                return false;
            }

            i = SkipSpaces(json, i);
            if (i >= json.Length)
            {
                return false;
            }

            if (json[i] == (byte)'}')
            {
                // Text after the object is left to the general reader, which ignores it.
                return i == json.Length - 1;
            }

            if (json[i] != (byte)',')
            {
                return false;
            }

            i = SkipSpaces(json, i + 1);
        }
    }

    private static bool TryReadValue(ReadOnlySpan<byte> json, ref int i, RecordKey key, LoggedRecord record)
    {
        switch (json[i])
        {
            case (byte)'"':
                if (!TryReadString(json, ref i, out var text))
                {
                    return false;
                }

                if (JsonSpecialTokens.TryValue(text, out var quoted))
                {
                    record.Number(key, quoted, false);
                }
                else
                {
                    record.Text(key.Bytes, text);
                }

                return true;
            case (byte)'[':
                return TryReadArray(json, ref i, key, record);
            case (byte)'t':
                return TrySkipLiteral(json, ref i, "true"u8);
            case (byte)'f':
                return TrySkipLiteral(json, ref i, "false"u8);
            case (byte)'n':
                return TrySkipLiteral(json, ref i, "null"u8);
        }

        if (!TryReadNumber(json, ref i, out var value, out var integral))
        {
            return false;
        }

        record.Number(key, value, integral);
        return true;
    }

    private static bool TryReadArray(ReadOnlySpan<byte> json, ref int i, RecordKey key, LoggedRecord record)
    {
        i = SkipSpaces(json, i + 1);
        if (i < json.Length && json[i] == (byte)']')
        {
            i++;
            return true;
        }

        for (var index = 0; ; index++)
        {
            if (i >= json.Length || !TryReadNumber(json, ref i, out var value, out _))
            {
                return false;
            }

            if (index < MaxArrayElements)
            {
                record.Element(key, index, value);
            }

            i = SkipSpaces(json, i);
            if (i >= json.Length)
            {
                return false;
            }

            if (json[i] == (byte)']')
            {
                i++;
                return true;
            }

            if (json[i] != (byte)',')
            {
                return false;
            }

            i = SkipSpaces(json, i + 1);
        }
    }

    /// <summary>A string of printable ASCII without escapes; <paramref name="i"/> is on the opening quote.</summary>
    private static bool TryReadString(ReadOnlySpan<byte> json, scoped ref int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (i >= json.Length || json[i] != (byte)'"')
        {
            return false;
        }

        // Keys and values are short: a plain loop beats the vectorised searches' setup.
        for (var j = i + 1; j < json.Length; j++)
        {
            var b = json[j];
            if (b == (byte)'"')
            {
                text = json[(i + 1)..j];
                i = j + 1;
                return true;
            }

            if (b is < 0x20 or > 0x7E or (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A number in JSON's grammar, or a bare `NaN`, `Infinity`, `-Infinity` (Python's `json.dumps`), read as the
    /// general reader reads them once quoted.
    /// </summary>
    private static bool TryReadNumber(ReadOnlySpan<byte> json, ref int i, out double value, out bool integral)
    {
        value = 0;
        integral = false;
        var rest = json[i..];

        // One pass checks the grammar and gathers the digits; the value is then either exact or parsed in full.
        var negative = rest[0] == (byte)'-';
        var n = negative ? 1 : 0;
        if (n >= rest.Length || !IsDigit(rest[n]))
        {
            return TryReadSpecial(json, ref i, out value);
        }

        // Plain locals rather than a struct, so that the digit loops stay in registers.
        ulong mantissa = 0;
        var significant = 0;
        var scale = 0;
        if (rest[n] == (byte)'0')
        {
            n++;
        }
        else
        {
            n = GatherDigits(rest, n, ref mantissa, ref significant, out _);
        }

        integral = true;
        if (n < rest.Length && rest[n] == (byte)'.')
        {
            var start = ++n;
            if (mantissa == 0)
            {
                // Leading zeros (`0.0001`) are not significant; past them every digit is.
                for (; n < rest.Length && rest[n] == (byte)'0'; n++)
                {
                    scale--;
                }
            }

            n = GatherDigits(rest, n, ref mantissa, ref significant, out var fractionDigits);
            scale -= fractionDigits;
            if (n == start)
            {
                return false;
            }

            integral = false;
        }

        if (n < rest.Length && (rest[n] | 0x20) == (byte)'e')
        {
            n++;
            var exponentNegative = n < rest.Length && rest[n] == (byte)'-';
            if (n < rest.Length && rest[n] is (byte)'+' or (byte)'-')
            {
                n++;
            }

            var start = n;
            var exponent = 0;
            for (; n < rest.Length && IsDigit(rest[n]); n++)
            {
                exponent = n - start < 4 ? (exponent * 10) + (rest[n] - '0') : int.MaxValue / 2;
            }

            if (n == start)
            {
                return false;
            }

            scale += exponentNegative ? -exponent : exponent;
            integral = false;
        }

        if (!EndsToken(json, i + n))
        {
            return false;
        }

        var exact = significant <= ExactDecimal.MaxDigits && ExactDecimal.TryCompute(mantissa, scale, negative, out value);
        if (!exact && !JsonNumber.TryParse(rest[..n], out value))
        {
            return false;
        }

        i += n;
        return true;
    }

    /// <summary>
    /// Appends the run of digits at <paramref name="n"/> to <paramref name="mantissa"/> while it holds
    /// <see cref="ExactDecimal.MaxDigits"/> or fewer (then marks <paramref name="significant"/> as too many); returns
    /// the index past the run. <paramref name="appended"/> counts the digits taken into the mantissa. Either the
    /// mantissa is nonzero or the run starts with a nonzero digit, so every digit taken is significant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // twice a number: the counts stay in registers
    private static int GatherDigits(ReadOnlySpan<byte> rest, int n, ref ulong mantissa, ref int significant, out int appended)
    {
        appended = 0;

        // Eight bytes at a time while they are there: most values have 15–17 digits. A full word moves on by a
        // constant, so the next load need not wait for this word's digit count.
        while (n <= rest.Length - sizeof(ulong))
        {
            var count = DigitRun.ReadEight(BinaryPrimitives.ReadUInt64LittleEndian(rest[n..]), out var run);
            if (count > ExactDecimal.MaxDigits - significant)
            {
                break; // too many digits: the loop below marks them
            }

            if (count < sizeof(ulong))
            {
                mantissa = (mantissa * PowersOfTen[count]) + (ulong)run;
                significant += count;
                appended += count;
                return n + count;
            }

            mantissa = (mantissa * 100_000_000) + (ulong)run;
            significant += sizeof(ulong);
            appended += sizeof(ulong);
            n += sizeof(ulong);
        }

        for (; n < rest.Length && IsDigit(rest[n]); n++)
        {
            if (significant < ExactDecimal.MaxDigits)
            {
                mantissa = (mantissa * 10) + (uint)(rest[n] - '0');
                significant++;
                appended++;
            }
            else
            {
                significant = int.MaxValue;
            }
        }

        return n;
    }

    private static bool TryReadSpecial(ReadOnlySpan<byte> json, ref int i, out double value)
    {
        var special = SpecialLength(json[i..], out value);
        if (special == 0 || !EndsToken(json, i + special))
        {
            return false;
        }

        i += special;
        return true;
    }

    private static int SpecialLength(ReadOnlySpan<byte> rest, out double value)
    {
        if (rest.StartsWith("NaN"u8))
        {
            value = double.NaN;
            return 3;
        }

        if (rest.StartsWith("Infinity"u8))
        {
            value = double.PositiveInfinity;
            return 8;
        }

        if (rest.StartsWith("-Infinity"u8))
        {
            value = double.NegativeInfinity;
            return 9;
        }

        value = 0;
        return 0;
    }

    private static bool TrySkipLiteral(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!json[i..].StartsWith(literal) || !EndsToken(json, i + literal.Length))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>What may follow a value: the separators the caller checks next, or space before them.</summary>
    private static bool EndsToken(ReadOnlySpan<byte> json, int i)
        => i < json.Length && json[i] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t';

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Separators have one space or none (`json.dumps`): the loop is called only for more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpaces(ReadOnlySpan<byte> s, int i)
    {
        if ((uint)i < (uint)s.Length && s[i] == (byte)' ')
        {
            i++;
        }

        return (uint)i < (uint)s.Length && s[i] is not ((byte)' ' or (byte)'\t') ? i : SpanFields.SkipSpaces(s, i);
    }
}
