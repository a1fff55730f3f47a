using Trainscope.Formats.Text;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// The `name: value` pairs of detectron2 and mmengine metric lines: a value runs to the last space before the next
/// `name: `, so `eta: 1 day, 2:03:04` stays whole. Names with spaces are skipped.
/// </summary>
internal ref struct ColonPairs
{
    private readonly ReadOnlySpan<byte> _text;
    private int _i;

    public ColonPairs(ReadOnlySpan<byte> text)
    {
        _text = text;
        _i = 0;
        Name = default;
        Value = default;
    }

    public ReadOnlySpan<byte> Name { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool MoveNext()
    {
        while (_i < _text.Length)
        {
            var start = SpanFields.SkipSpaces(_text, _i);
            var colon = _text[start..].IndexOf(": "u8);
            if (colon <= 0)
            {
                _i = _text.Length;
                return false;
            }

            var name = _text.Slice(start, colon);
            var valueStart = SpanFields.SkipSpaces(_text, start + colon + 2);
            var next = _text[valueStart..].IndexOf(": "u8);
            var valueEnd = next < 0 ? _text.Length : LastSpaceBefore(valueStart + next);
            _i = Math.Max(valueEnd, start + colon + 2); // always moves forward
            if (name.IndexOf((byte)' ') >= 0 || valueEnd <= valueStart)
            {
                continue;
            }

            Name = name;
            Value = SpanFields.TrimSpaces(_text[valueStart..valueEnd]);
            return true;
        }

        return false;
    }

    private readonly int LastSpaceBefore(int colon)
    {
        var space = _text[..colon].LastIndexOf((byte)' ');
        return space < 0 ? colon : space;
    }
}
