namespace Trainscope.Formats.Text;

/// <summary>
/// <see cref="LinePrefix.Parse"/> for a source whose lines repeat one prefix shape (`[rank0:INFO|misc.py:146] 2026-01-05
/// 10:33:33,342 >> `): when a line has the same bytes around a timestamp of the same length as the last parsed one, only
/// the timestamp is read. Only prefixes ending in `>>` are cached; anything else is parsed in full, so results are always
/// those of <see cref="LinePrefix.Parse"/>.
/// </summary>
public sealed class LinePrefixCache
{
    private const int MaxPrefixLength = 256;
    private readonly byte[] _shape = new byte[MaxPrefixLength];
    private LinePrefix _cached;
    private int _timeStart = -1;
    private int _timeLength;

    public LinePrefix Parse(ReadOnlySpan<byte> line)
    {
        if (_timeStart >= 0 && TryReuse(line, out var prefix))
        {
            return prefix;
        }

        prefix = LinePrefix.Parse(line);
        Learn(line, prefix);
        return prefix;
    }

    private bool TryReuse(ReadOnlySpan<byte> line, out LinePrefix prefix)
    {
        prefix = default;
        var bodyStart = _cached.BodyStart;
        var timeEnd = _timeStart + _timeLength;
        if (line.Length <= bodyStart || !line[.._timeStart].SequenceEqual(_shape.AsSpan(0, _timeStart))
            || !line[timeEnd..bodyStart].SequenceEqual(_shape.AsSpan(timeEnd, bodyStart - timeEnd))
            || !Timestamps.TryParse(line[_timeStart..], out var time, out var length) || length != _timeLength)
        {
            return false;
        }

        if (!BodyIsPlain(line[bodyStart..]))
        {
            return false;
        }

        prefix = _cached;
        prefix.Timestamp = time;
        return true;
    }

    /// <summary>
    /// True when the full parser would stop at the body unchanged: it would go on if the body began with a prefix
    /// itself (spaces, a second tag, a level word), and `ERROR: …` makes it clear the level it had read.
    /// </summary>
    private static bool BodyIsPlain(ReadOnlySpan<byte> body)
    {
        var rest = LinePrefix.Parse(body);
        return rest.BodyStart == 0 && rest.Level == LogLevel.None && rest.Rank is null && rest.Timestamp is null
            && !StartsWithLevelColon(body);
    }

    /// <summary>`ERROR: …`: the full parser reads the level and, finding no logger name after it, clears the level again.</summary>
    private static bool StartsWithLevelColon(ReadOnlySpan<byte> body)
    {
        var colon = body.Length > 9 ? body[..9].IndexOf((byte)':') : body.IndexOf((byte)':');
        if (colon < 4)
        {
            return false;
        }

        var word = body[..colon];
        return System.Text.Ascii.EqualsIgnoreCase(word, "INFO"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "WARN"u8)
            || System.Text.Ascii.EqualsIgnoreCase(word, "DEBUG"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "ERROR"u8)
            || System.Text.Ascii.EqualsIgnoreCase(word, "FATAL"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "WARNING"u8)
            || System.Text.Ascii.EqualsIgnoreCase(word, "CRITICAL"u8);
    }

    private void Learn(ReadOnlySpan<byte> line, in LinePrefix prefix)
    {
        _timeStart = -1;
        if (prefix.Timestamp is not { } time || prefix.BodyStart > MaxPrefixLength
            || !line[..prefix.BodyStart].TrimEnd(" \t"u8).EndsWith(">>"u8) || !BodyIsPlain(line[prefix.BodyStart..]))
        {
            // Only prefixes that end in `>>` are cached: the parser decides other separators (` - INFO - `, `INFO:`)
            // by looking at the words after them, which differ from line to line.
            return;
        }

        // Only a prefix with exactly one place a timestamp can be read is cached, so the reused position is the parsed one.
        var found = -1;
        var foundLength = 0;
        for (var i = 0; i + 14 <= prefix.BodyStart; i++)
        {
            if (Timestamps.TryParse(line[i..], out var at, out var length) && i + length <= prefix.BodyStart)
            {
                if (found >= 0 || at != time)
                {
                    return;
                }

                found = i;
                foundLength = length;
            }
        }

        if (found < 0)
        {
            return;
        }

        line[..prefix.BodyStart].CopyTo(_shape);
        _cached = prefix;
        _timeStart = found;
        _timeLength = foundLength;
    }
}
