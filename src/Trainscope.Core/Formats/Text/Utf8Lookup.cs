using System.Runtime.CompilerServices;
using System.Text;

namespace Trainscope.Formats.Text;

/// <summary>
/// Values keyed by text read as UTF-8 bytes: a key seen before is found without allocating (decoded on the stack and
/// looked up as characters), a new one is made once by <c>create</c>.
/// </summary>
public sealed class Utf8Lookup<TValue>
{
    private const int MaxStackChars = 256;
    private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Func<string, TValue> _create;

    public Utf8Lookup(Func<string, TValue> create)
    {
        _create = create;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _values.Count;

    /// <summary>The value for these UTF-8 bytes (invalid bytes become U+FFFD).</summary>
    [SkipLocalsInit] // the char buffer is written before it is read; zeroing it on every call is wasted work
    public TValue Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxStackChars)
        {
            return Get(Encoding.UTF8.GetString(utf8).AsSpan());
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    public TValue Get(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out var value))
        {
            return value;
        }

        var text = key.ToString();
        value = _create(text);
        _values[text] = value;
        return value;
    }

    /// <summary>Replaces what a key maps to.</summary>
    public void Set(string key, TValue value) => _values[key] = value;
}
