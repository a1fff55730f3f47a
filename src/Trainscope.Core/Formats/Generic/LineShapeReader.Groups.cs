using Trainscope.Formats.Text;

namespace Trainscope.Formats.Generic;

/// <summary>The reader's handling of brackets, parentheses, units and running averages.</summary>
internal ref partial struct LineShapeReader
{
    /// <summary>`metrics/mAP50(B)`: a short tag in parentheses glued to a word is part of its name.</summary>
    private readonly int AttachedTag(int j)
    {
        if (j >= _s.Length || _s[j] != (byte)'(')
        {
            return j;
        }

        var k = j + 1;
        while (k < _s.Length && k - j <= 5 && (GenericWords.IsAsciiLetter(_s[k]) || (uint)(_s[k] - '0') <= 9))
        {
            k++;
        }

        return k > j + 1 && k < _s.Length && _s[k] == (byte)')' ? k + 1 : j;
    }

    /// <summary>`8.104 GB`: a unit written as its own word after the value belongs to it.</summary>
    private readonly int SkipUnitWord(int end)
    {
        var k = SpanFields.SkipSpaces(_s, end);
        if (k == end || k >= _s.Length)
        {
            return end;
        }

        var stop = k;
        while (stop < _s.Length && _s[stop] is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'|' or (byte)')'))
        {
            stop++;
        }

        return GenericWords.Unit(_s[k..stop]) ? stop : end;
    }

    /// <summary>`Loss:0.564 (Avg 0.5566)` and `loss: 68.58 (68.58)`: a running average in parentheses after the value.</summary>
    private readonly double? ReadAverage(ref int end)
    {
        var k = SpanFields.SkipSpaces(_s, end);
        if (k >= _s.Length || _s[k] != (byte)'(')
        {
            return null;
        }

        var close = _s[k..].IndexOf((byte)')');
        if (close < 2 || close > 40)
        {
            return null;
        }

        var inside = SpanFields.TrimSpaces(_s.Slice(k + 1, close - 1));
        var space = inside.IndexOf((byte)' ');
        if (space > 0 && GenericWords.Average(inside[..space]))
        {
            inside = SpanFields.TrimSpaces(inside[space..]);
        }

        if (!Utf8Number.TryParse(inside, out var average))
        {
            return null;
        }

        _r.Hash((byte)'A');
        end = k + close + 1;
        return average;
    }

    private int OnBracket(int i)
    {
        var close = _s[i..].IndexOf((byte)']');
        if (close < 0 || close > 200)
        {
            _r.Hash((byte)'[');
            Break();
            return i + 1;
        }

        var inside = SpanFields.TrimSpaces(_s.Slice(i + 1, close - 1));
        var j = 0;
        if (SpanFields.TryReadFraction(inside, ref j, out var done, out var total) && j == inside.Length)
        {
            _r.Hash((byte)'F');
            OnValue(done, total, 0);
            return i + close + 1;
        }

        j = 0;
        if (SpanFields.TryReadLong(inside, ref j, out var single) && j == inside.Length)
        {
            // `Epoch: [1]`: only meaningful after a position word.
            _r.Hash((byte)'N');
            OnValue(single, null, 0);
            return i + close + 1;
        }

        var wordEnd = 0;
        while (wordEnd < inside.Length && (GenericWords.IsAsciiLetter(inside[wordEnd]) || inside[wordEnd] == (byte)'_'))
        {
            wordEnd++;
        }

        var first = inside[..wordEnd];
        if (GenericWords.Position(first) != PositionWord.None)
        {
            // `[Epoch 01/30]`: read what is inside.
            _r.Hash((byte)'[');
            Break();
            return i + 1;
        }

        if (wordEnd == inside.Length && GenericWords.Phase(first, out var phase))
        {
            _r.Phase = phase; // `[Train]`
        }

        _r.Hash((byte)'B');
        Break();
        return i + close + 1;
    }

    /// <summary>`Peak GPU Memory (MB)=111,477`: a short unit in parentheses between a label and its `=`/`:` keeps the label.</summary>
    private readonly int LabelUnit(int i)
    {
        var close = _s[i..].IndexOf((byte)')');
        if (close < 2 || close > 8 || _s.Slice(i + 1, close - 1).IndexOfAny((byte)' ', (byte)'(', (byte)'=') >= 0)
        {
            return -1;
        }

        var next = SpanFields.SkipSpaces(_s, i + close + 1);
        return next < _s.Length && _s[next] is (byte)':' or (byte)'=' ? i + close + 1 : -1;
    }

    private int SkipGroup(int i)
    {
        var depth = 0;
        for (var j = i; j < _s.Length; j++)
        {
            var c = _s[j];
            if (c is (byte)'(' or (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (c is (byte)')' or (byte)'}' or (byte)']' && --depth == 0)
            {
                return j + 1;
            }
        }

        return _s.Length;
    }
}
