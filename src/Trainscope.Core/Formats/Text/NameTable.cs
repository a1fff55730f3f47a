namespace Trainscope.Formats.Text;

/// <summary>Interns metric names read as UTF-8 bytes, so a name seen on every line becomes one string, allocated once.</summary>
public sealed class NameTable
{
    private readonly Utf8Lookup<string> _names = new(name => name);

    public int Count => _names.Count;

    /// <summary>The interned string for these UTF-8 bytes (invalid bytes become U+FFFD).</summary>
    public string Get(ReadOnlySpan<byte> utf8) => _names.Get(utf8);

    /// <summary>The interned string for these characters.</summary>
    public string Get(ReadOnlySpan<char> chars) => _names.Get(chars);
}
