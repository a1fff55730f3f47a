namespace Trainscope.Formats.Csv;

/// <summary>
/// Splits one CSV line into trimmed cells on a separator, honouring RFC 4180 double quotes inside the line (`"a,b"`,
/// `""` for a quote). A quoted cell may not span lines: metric writers (pandas, Keras, Lightning, ultralytics) never
/// put newlines in numbers or column names, and a line-based reader is what lets `watch` follow a growing CSV.
/// </summary>
internal ref struct CsvCells
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly byte _separator;
    private int _next;

    public CsvCells(ReadOnlySpan<byte> line, byte separator)
    {
        _line = line;
        _separator = separator;
        _next = 0;
    }

    /// <summary>Whether the last cell returned was quoted (its content may hold `""` escapes).</summary>
    public bool LastWasQuoted { get; private set; }

    /// <summary>The next cell without surrounding spaces (or quotes); false after the last one.</summary>
    public bool TryNext(out ReadOnlySpan<byte> cell)
    {
        if (_next < 0)
        {
            cell = default;
            return false;
        }

        var rest = _line[_next..];
        var end = rest.IndexOf(_separator);
        var raw = end < 0 ? rest : rest[..end];

        // Most cells have no padding: test the ends before calling the general trim.
        var trimmed = raw.IsEmpty || raw[0] > (byte)' ' ? raw : raw.TrimStart(" \t"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'"')
        {
            LastWasQuoted = false;
            cell = trimmed.IsEmpty || trimmed[^1] > (byte)' ' ? trimmed : trimmed.TrimEnd(" \t"u8);
            _next = end < 0 ? -1 : _next + end + 1;
            return true;
        }

        return ReadQuoted(rest, raw.Length - trimmed.Length, out cell);
    }

    private bool ReadQuoted(ReadOnlySpan<byte> rest, int quote, out ReadOnlySpan<byte> cell)
    {
        LastWasQuoted = true;
        var i = quote + 1;
        while (true)
        {
            var close = rest[i..].IndexOf((byte)'"');
            if (close < 0)
            {
                // An unterminated quote (a half-written line): the rest of the line is the cell.
                cell = rest[(quote + 1)..];
                _next = -1;
                return true;
            }

            i += close;
            if (i + 1 < rest.Length && rest[i + 1] == (byte)'"')
            {
                i += 2;
                continue;
            }

            cell = rest[(quote + 1)..i];
            var after = rest[(i + 1)..].IndexOf(_separator);
            _next = after < 0 ? -1 : _next + i + 1 + after + 1;
            return true;
        }
    }
}
