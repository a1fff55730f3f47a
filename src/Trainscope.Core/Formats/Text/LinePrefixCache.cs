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
    private readonly byte[] _dateText = new byte[DateLength];
    private int _timeStart = -1;
    private int _timeLength;
    private DateTime? _date;

    /// <summary>`2026-01-05 ` — the date and the byte after it, which consecutive lines share.</summary>
    private const int DateLength = 11;

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
            || !TryReadTime(line[_timeStart..], out var time, out var length) || length != _timeLength)
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
    /// <see cref="Timestamps.TryParse"/>, reading only the clock when the date is the bytes of the last date read: the
    /// full parser would read the same date from them and add the same clock to it.
    /// </summary>
    private bool TryReadTime(ReadOnlySpan<byte> text, out DateTime time, out int length)
    {
        if (_date is { } date && text.Length >= 19 && text[..DateLength].SequenceEqual(_dateText)
            && Timestamps.TryClock(text[DateLength..], out var clock, out var clockLength))
        {
            time = date + clock;
            length = DateLength + clockLength;
            return true;
        }

        if (!Timestamps.TryParse(text, out time, out length))
        {
            return false;
        }

        RememberDate(text);
        return true;
    }

    /// <summary>Keeps the date of a timestamp read in the `yyyy-mm-dd` form (the only form whose date is its first 11 bytes).</summary>
    private void RememberDate(ReadOnlySpan<byte> text)
    {
        _date = null;
        if (text.Length < 19 || text[4] is not ((byte)'-' or (byte)'/') || text[7] != text[4] || text[10] is not ((byte)' ' or (byte)'T')
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day))
        {
            return;
        }

        // The full parser accepted these digits as a date, so they make one.
        text[..DateLength].CopyTo(_dateText);
        _date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>
    /// True when the full parser would stop at the body unchanged: it would go on if the body began with a prefix
    /// itself (spaces, a second tag, a level word), and `ERROR: …` makes it clear the level it had read.
    /// </summary>
    private static bool BodyIsPlain(ReadOnlySpan<byte> body)
    {
        if (body.Length > 0 && body[0] is not ((byte)'[' or (byte)' ' or (byte)'\t') && (uint)(body[0] - '0') > 9)
        {
            // Neither a tag, a timestamp nor spaces: the full parser would only try `LEVEL:` (a level word before a
            // colon at 4…8), which is all that can make such a body not plain.
            var colon = body[..Math.Min(body.Length, 9)].IndexOf((byte)':');
            return colon < 4 || !IsLevelWord(body[..colon]);
        }

        var rest = LinePrefix.Parse(body);
        return rest.BodyStart == 0 && rest.Level == LogLevel.None && rest.Rank is null && rest.Timestamp is null
            && !StartsWithLevelColon(body);
    }

    /// <summary>`ERROR: …`: the full parser reads the level and, finding no logger name after it, clears the level again.</summary>
    private static bool StartsWithLevelColon(ReadOnlySpan<byte> body)
    {
        var colon = body.Length > 9 ? body[..9].IndexOf((byte)':') : body.IndexOf((byte)':');
        return colon >= 4 && IsLevelWord(body[..colon]);
    }

    private static bool IsLevelWord(ReadOnlySpan<byte> word) => word.Length switch
    {
        4 => System.Text.Ascii.EqualsIgnoreCase(word, "INFO"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "WARN"u8),
        5 => System.Text.Ascii.EqualsIgnoreCase(word, "DEBUG"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "ERROR"u8)
            || System.Text.Ascii.EqualsIgnoreCase(word, "FATAL"u8),
        7 => System.Text.Ascii.EqualsIgnoreCase(word, "WARNING"u8),
        8 => System.Text.Ascii.EqualsIgnoreCase(word, "CRITICAL"u8),
        _ => false,
    };

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
