using System.Text;

namespace Trainscope.Formats.Text;

/// <summary>Interns metric names read as UTF-8 bytes, so a name seen on every line becomes one string, allocated once.</summary>
public sealed class NameTable
{
    private const int MaxNameChars = 256;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable()
    {
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _names.Count;

    /// <summary>The interned string for these UTF-8 bytes (invalid bytes become U+FFFD).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxNameChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxNameChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    /// <summary>The interned string for these characters.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var name))
        {
            return name;
        }

        name = chars.ToString();
        _names[name] = name;
        return name;
    }
}
