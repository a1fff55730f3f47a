using Trainscope.Formats.JsonLines;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.PythonDict;

/// <summary>Finds and reads the Python dict literal the Hugging Face Trainer prints (`{'loss': 3.45, 'epoch': 0.28}`), on bytes.</summary>
internal static class PythonDictReader
{
    private const int MaxListElements = 256;

    /// <summary>
    /// Finds a dict that ends the line and follows nothing, a logging prefix (already cut), a tqdm bar (`20.82s/it]`)
    /// or a pasted line number (`[1757] `). Prose that quotes a dict (`Updated tokens: {'bos_token_id': None}.`) is not one.
    /// </summary>
    public static bool TryLocate(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> dict)
    {
        dict = default;
        body = body.TrimEnd(" \t"u8);
        if (body.Length < 4 || body[^1] != (byte)'}')
        {
            return false;
        }

        var start = body.IndexOf("{'"u8);
        var doubleQuoted = body.IndexOf("{\""u8);
        if (start < 0 || (doubleQuoted >= 0 && doubleQuoted < start))
        {
            start = doubleQuoted;
        }

        if (start < 0)
        {
            return false;
        }

        var before = body[..start].TrimEnd(" \t"u8);
        if (!before.IsEmpty && before[^1] != (byte)']')
        {
            return false;
        }

        dict = body[start..];
        return true;
    }

    /// <summary>Reads `{'key': value, …}` into the record; false when it is not a flat dict that ends where the span ends.</summary>
    public static bool TryRead(ReadOnlySpan<byte> dict, LoggedRecord record)
    {
        var i = 1;
        while (true)
        {
            i = SpanFields.SkipSpaces(dict, i);
            if (i >= dict.Length)
            {
                return false;
            }

            if (dict[i] == (byte)'}')
            {
                return i == dict.Length - 1;
            }

            if (!TryQuoted(dict, ref i, out var key))
            {
                return false;
            }

            i = SpanFields.SkipSpaces(dict, i);
            if (i >= dict.Length || dict[i] != (byte)':')
            {
                return false;
            }

            i = SpanFields.SkipSpaces(dict, i + 1);
            if (i >= dict.Length || !TryValue(dict, ref i, key, record))
            {
                return false;
            }

            i = SpanFields.SkipSpaces(dict, i);
            if (i < dict.Length && dict[i] == (byte)',')
            {
                i++;
            }
            else if (i >= dict.Length || dict[i] != (byte)'}')
            {
                return false;
            }
        }
    }

    private static bool TryValue(ReadOnlySpan<byte> dict, ref int i, ReadOnlySpan<byte> key, LoggedRecord record)
    {
        switch (dict[i])
        {
            case (byte)'\'':
            case (byte)'"':
                if (!TryQuoted(dict, ref i, out var text))
                {
                    return false;
                }

                record.Text(key, text);
                return true;
            case (byte)'[':
                return TryList(dict, ref i, key, record);
            case (byte)'{':
                return false; // HF's dicts are flat
        }

        var end = ValueEnd(dict, i);
        if (end < 0)
        {
            return false;
        }

        var token = SpanFields.TrimSpaces(dict[i..end]);
        i = end;
        if (token.StartsWith("tensor("u8))
        {
            // Older Trainer versions print `'grad_norm': tensor(0.5, device='cuda:0')`.
            token = SpanFields.Token(token, "tensor("u8.Length);
        }

        if (Utf8Number.TryParse(token, out var value))
        {
            record.Number(key, value, token.IndexOfAny(".eEnNiI"u8) < 0);
        }

        return true; // True, False, None and unknown names are no metrics
    }

    private static bool TryList(ReadOnlySpan<byte> dict, ref int i, ReadOnlySpan<byte> key, LoggedRecord record)
    {
        var close = dict[i..].IndexOf((byte)']');
        if (close < 0)
        {
            return false;
        }

        var items = dict.Slice(i + 1, close - 1);
        i += close + 1;
        var index = 0;
        foreach (var range in items.Split((byte)','))
        {
            if (index < MaxListElements && Utf8Number.TryParse(SpanFields.TrimSpaces(items[range]), out var value))
            {
                record.Element(key, index, value);
            }

            index++;
        }

        return true;
    }

    /// <summary>Where an unquoted value ends: the next `,` or `}` outside parentheses, or -1.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> dict, int i)
    {
        var depth = 0;
        for (; i < dict.Length; i++)
        {
            var b = dict[i];
            if (b == (byte)'(')
            {
                depth++;
            }
            else if (b == (byte)')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && b is (byte)',' or (byte)'}')
            {
                return i;
            }
            else if (b is (byte)'\'' or (byte)'"')
            {
                var close = dict[(i + 1)..].IndexOf(b);
                if (close < 0)
                {
                    return -1;
                }

                i += close + 1;
            }
        }

        return -1;
    }

    private static bool TryQuoted(ReadOnlySpan<byte> s, ref int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        var quote = s[i];
        if (quote is not ((byte)'\'' or (byte)'"'))
        {
            return false;
        }

        var j = i + 1;
        while (j < s.Length && s[j] != quote)
        {
            j += s[j] == (byte)'\\' ? 2 : 1;
        }

        if (j >= s.Length)
        {
            return false;
        }

        text = s[(i + 1)..j];
        i = j + 1;
        return true;
    }
}
