using Trainscope.Formats.Text;

namespace Trainscope.Formats.Generic;

/// <summary>
/// Reads one line body into words, `label value` pairs and a position, and hashes its shape (words kept, numbers
/// masked), in one pass over the bytes. Quoted text, parentheses, braces and brackets that are not positions are
/// skipped whole, so `Namespace(lr=20)`, dicts and COCO table headers give nothing.
/// </summary>
internal ref partial struct LineShapeReader
{
    /// <summary>More label words than this before a number is prose (`Saving model and optimizer state at 6312`).</summary>
    private const int MaxLabelWords = 3;

    private readonly ReadOnlySpan<byte> _s;
    private readonly LineReading _r;
    private int _labelFirst;
    private int _labelCount;

    /// <summary>A number with no label was just read: the word after it is its noun (`17 images`), not a label.</summary>
    private bool _afterOrphan;
    private bool _poisoned;

    private LineShapeReader(ReadOnlySpan<byte> body, LineReading reading)
    {
        _s = body;
        _r = reading;
    }

    public static void Read(ReadOnlySpan<byte> body, LineReading reading)
    {
        reading.Reset();
        new LineShapeReader(body, reading).Run();
    }

    private void Run()
    {
        var i = 0;
        while (i < _s.Length)
        {
            var b = _s[i];
            if (b is (byte)' ' or (byte)'\t')
            {
                i++;
            }
            else if (NumberToken.StartsNumber(_s, i))
            {
                i = OnNumber(i);
            }
            else if (b is (byte)':' or (byte)'=')
            {
                _r.Hash(b);
                _afterOrphan = false;
                i++;
            }
            else if (b is (byte)'(' or (byte)'{')
            {
                _r.Hash((byte)'P');
                var unitEnd = _labelCount > 0 ? LabelUnit(i) : -1;
                if (unitEnd < 0)
                {
                    Break();
                }

                i = unitEnd < 0 ? SkipGroup(i) : unitEnd;
            }
            else if (b == (byte)'[')
            {
                i = OnBracket(i);
            }
            else if ((b is (byte)'"' or (byte)'\'') && (i == 0 || !GenericWords.IsAsciiLetter(_s[i - 1])))
            {
                _r.Hash((byte)'Q');
                Break();
                var close = _s[(i + 1)..].IndexOf(b);
                i = close < 0 ? _s.Length : i + close + 2;
            }
            else if (WordChar(_s, i, out var width))
            {
                i = OnWord(i, width);
            }
            else
            {
                // Other punctuation (`|`, `,`, ` - `, `@`, box drawing, full-width comma) ends a label.
                if (IsFullWidthColon(_s, i))
                {
                    _r.Hash((byte)':');
                    _afterOrphan = false;
                }
                else
                {
                    _r.Hash(b);
                    Break();
                    _afterOrphan = false;
                }

                i += Math.Max(1, width);
            }
        }
    }

    private int OnWord(int i, int firstWidth)
    {
        var j = i + firstWidth;
        while (j < _s.Length)
        {
            var c = _s[j];
            if (c is (byte)'.' or (byte)'-' or (byte)'/' && j + 1 < _s.Length && WordChar(_s, j + 1, out _))
            {
                j++;
                continue;
            }

            if (!WordChar(_s, j, out var w))
            {
                break;
            }

            j += w;
        }

        j = AttachedTag(j);
        var word = _s[i..j];
        _r.EndsWithPosition = false;
        if (NumberToken.IsSpecial(word, out var special))
        {
            _r.Hash((byte)'N');
            OnValue(special, null, j);
            return j;
        }

        if (GenericWords.PathLike(word) || (i > 0 && _s[i - 1] == (byte)'='))
        {
            // Paths and `mode=labeled` values change from line to line of one family: masked like numbers.
            _r.Hash((byte)'W');
        }
        else
        {
            _r.Hash(word);
        }

        if (GenericWords.Phase(word, out var phase))
        {
            _r.Phase = phase;
            _r.Dev = System.Text.Ascii.EqualsIgnoreCase(word, "dev"u8);
            return j;
        }

        if ((_labelCount == 0 && _afterOrphan) || (i > 0 && _s[i - 1] is (byte)'/' or (byte)'\\' or (byte)'~'))
        {
            _poisoned = true; // `17 images`, or an absolute path such as `/usr/bin/python3`
        }

        if (_r.WordCount < LineReading.MaxWords)
        {
            if (_labelCount == 0)
            {
                _labelFirst = _r.WordCount;
            }

            _r.Words[_r.WordCount++] = (i, j - i);
            _labelCount++;
        }

        return j;
    }

    private int OnNumber(int i)
    {
        var token = NumberToken.Read(_s, i);
        _r.EndsWithPosition = false;
        if (token.Kind == NumberKind.Junk)
        {
            _r.Hash((byte)'J');
            Break();
            return token.End;
        }

        _r.Hash((byte)'N');
        var end = OnValue(token.Value, token.Kind == NumberKind.Fraction ? token.Total : null, token.End);
        return end;
    }

    /// <summary>A number was read ending at <paramref name="end"/>: a position, a pair's value, or nothing.</summary>
    private int OnValue(double value, double? total, int end)
    {
        if (_labelCount == 0)
        {
            if (total is not null)
            {
                // A bare `200/ 2983` or `[367/4899]`: iterations inside the epoch, or steps when no epoch is known.
                SetPosition(_r.Position.Epoch is null ? PositionWord.Step : PositionWord.Batch, value, total);
            }
            else
            {
                _afterOrphan = true;
            }

            return end;
        }

        var last = _r.Words[_labelFirst + _labelCount - 1];
        var position = GenericWords.Position(_s.Slice(last.Start, last.Length));
        if (position != PositionWord.None)
        {
            SetPosition(position, value, total);
            Break();
            return end;
        }

        if (_poisoned || _labelCount > MaxLabelWords || !LabelCanBeMetric())
        {
            Break();
            return end;
        }

        // `Validation loss 6312:  0.149928`: an integer then a colon and the value — the integer is the step.
        var k = SpanFields.SkipSpaces(_s, end);
        if (k < _s.Length && _s[k] == (byte)':' && value >= 0 && value == Math.Floor(value) && total is null)
        {
            var v = SpanFields.SkipSpaces(_s, k + 1);
            if (NumberToken.StartsNumber(_s, v) && NumberToken.Read(_s, v) is { Kind: NumberKind.Number } next)
            {
                _r.Position.Step ??= (long)Math.Min(value, long.MaxValue);
                _r.Hash((byte)':');
                _r.Hash((byte)'N');
                value = next.Value;
                end = next.End;
            }
        }

        end = SkipUnitWord(end);
        double? average = ReadAverage(ref end);
        if (NumberToken.StartsNumber(_s, SpanFields.SkipSpaces(_s, end)) && SpanFields.SkipSpaces(_s, end) > end)
        {
            // `all  220  431  0.501  0.437`: a table row, the label names the row, not the number.
            Break();
            _afterOrphan = true;
            return end;
        }

        if (_r.PairCount < LineReading.MaxPairs)
        {
            _r.Pairs[_r.PairCount++] = new LabelledValue
            {
                FirstWord = _labelFirst,
                WordCount = _labelCount,
                Value = value,
                Average = average,
                Phase = _r.Phase,
                Dev = _r.Dev,
            };
        }

        Break();
        return end;
    }

    private readonly bool LabelCanBeMetric()
    {
        for (var w = _labelFirst; w < _labelFirst + _labelCount; w++)
        {
            if (GenericWords.PathLike(_s.Slice(_r.Words[w].Start, _r.Words[w].Length)))
            {
                return false;
            }
        }

        var last = _r.Words[_labelFirst + _labelCount - 1];
        var lastWord = _s.Slice(last.Start, last.Length);
        return !GenericWords.NeverMetric(lastWord) && !GenericWords.FunctionWord(lastWord);
    }

    private readonly void SetPosition(PositionWord kind, double value, double? total)
    {
        if (value < 0 || value > int.MaxValue || value != Math.Floor(value) || (total is double t && (t < 0 || t > int.MaxValue)))
        {
            return;
        }

        var n = (long)value;
        var of = total is double tt ? (long)tt : (long?)null;
        _r.EndsWithPosition = true;
        switch (kind)
        {
            case PositionWord.Epoch:
                _r.Position.Epoch ??= (int)n;
                _r.Position.Epochs ??= (int?)of;
                break;
            case PositionWord.Step:
                _r.Position.Step ??= n;
                _r.Position.Steps ??= of;
                break;
            case PositionWord.Batch:
                _r.Position.Iteration ??= n;
                _r.Position.IterationsPerEpoch ??= of;
                break;
        }
    }

    private void Break()
    {
        _labelCount = 0;
        _poisoned = false;
    }

    private static bool IsFullWidthColon(ReadOnlySpan<byte> s, int i)
        => i + 2 < s.Length && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x9A;

    /// <summary>
    /// Letters, digits and `_` in ASCII; in UTF-8, letters of other scripts (CJK, Greek) count, while general
    /// punctuation, arrows, box drawing (U+2000–U+2BFF), CJK and full-width punctuation, and emoji do not.
    /// </summary>
    private static bool WordChar(ReadOnlySpan<byte> s, int i, out int width)
    {
        var b = s[i];
        width = 1;
        if (b < 0x80)
        {
            return GenericWords.IsAsciiLetter(b) || (uint)(b - '0') <= 9 || b == (byte)'_';
        }

        width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (i + width > s.Length)
        {
            width = s.Length - i;
            return false;
        }

        if (b == 0xE2 || b >= 0xF0 || b < 0xC0)
        {
            return false;
        }

        if (b == 0xE3 && s[i + 1] == 0x80)
        {
            return false; // U+3000–U+303F: 、。「」
        }

        if (b == 0xEF && (s[i + 1] is 0xBC or 0xBD or 0xB8 or 0xBB))
        {
            return false; // full-width ，：；（）, variation selectors, BOM
        }

        return !(b == 0xC2 && s[i + 1] < 0xC0 && s[i + 1] != 0xB5); // U+0080–U+00BF are symbols, µ excepted
    }
}
