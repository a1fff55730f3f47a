using System.Text;

namespace Trainscope.Formats.Text;

/// <summary>What a logging prefix said: rank, time and level.</summary>
public struct LinePrefix
{
    public int? Rank;
    public DateTime? Timestamp;
    public LogLevel Level;

    /// <summary>Where the message body starts in the line.</summary>
    public int BodyStart;

    /// <summary>
    /// Reads the logging prefixes training jobs put before the message, in any order and repeated:
    /// `[rank0:INFO|misc.py:146]`, `[rank3]:`, `[default3]:` (torchrun), `[INFO|2024-11-26 22:09:01] logging.py:157 >>`,
    /// `2026-01-05 10:33:33,342 >>` / ` - INFO - ` / ` | INFO | `, detectron2's `[12/21 21:00:41] d2.engine INFO:`,
    /// Python's `INFO:__main__:` and `[DEBUG] [Rank 0]`. Returns the body start; never fails.
    /// </summary>
    public static LinePrefix Parse(ReadOnlySpan<byte> line)
    {
        var prefix = default(LinePrefix);
        var i = SkipSpaces(line, 0);
        for (var guard = 0; guard < 6 && i < line.Length; guard++)
        {
            var next = prefix.TryOne(line, i);
            if (next == i)
            {
                break;
            }

            i = SkipSpaces(line, next);
        }

        prefix.BodyStart = i;
        return prefix;
    }

    private int TryOne(ReadOnlySpan<byte> line, int i)
    {
        var rest = line[i..];
        if (rest[0] == (byte)'[')
        {
            return TryBracket(line, i);
        }

        if ((uint)(rest[0] - '0') <= 9 && Timestamps.TryParse(rest, out var time, out var length))
        {
            Timestamp = time;
            return SkipSeparator(line, i + length);
        }

        return TryPythonLogging(line, i);
    }

    private int TryBracket(ReadOnlySpan<byte> line, int i)
    {
        var close = line[i..].IndexOf((byte)']');
        if (close < 2 || close > 200)
        {
            return i;
        }

        var inside = line.Slice(i + 1, close - 1);
        var end = i + close + 1;
        if (end < line.Length && line[end] == (byte)':')
        {
            end++; // `[rank3]:` and `[default3]:`
        }

        if (TryRankWord(inside, "rank"u8) || TryRankWord(inside, "default"u8) || TryRankWord(inside, "Rank "u8))
        {
            // `[rank0:INFO|misc.py:146]` carries the level after the rank.
            var colon = inside.IndexOf((byte)':');
            if (colon > 0)
            {
                ReadLevel(inside[(colon + 1)..]);
            }

            return end;
        }

        if (Timestamps.TryParse(inside, out var time, out _))
        {
            Timestamp = time;
            return SkipSeparator(line, end);
        }

        var bar = inside.IndexOf((byte)'|');
        if (bar > 0 && ReadLevel(inside[..bar]) && Timestamps.TryParse(inside[(bar + 1)..], out time, out _))
        {
            // LLaMA-Factory: `[INFO|2024-11-26 22:09:01] logging.py:157 >> `
            Timestamp = time;
            return SkipLoggerThenArrow(line, end);
        }

        if (ReadLevelExact(inside))
        {
            return end; // `[DEBUG]`
        }

        return i;
    }

    private bool TryRankWord(ReadOnlySpan<byte> inside, ReadOnlySpan<byte> word)
    {
        if (!inside.StartsWith(word))
        {
            return false;
        }

        var digits = inside[word.Length..];
        var n = 0;
        var value = 0;
        while (n < digits.Length && n < 6 && (uint)(digits[n] - '0') <= 9)
        {
            value = value * 10 + (digits[n] - '0');
            n++;
        }

        if (n == 0 || (n < digits.Length && digits[n] is not (byte)':' and not (byte)'/'))
        {
            return false;
        }

        Rank = value;
        return true;
    }

    private int TryPythonLogging(ReadOnlySpan<byte> line, int i)
    {
        // `INFO:__main__:message` and `WARNING:root:message`
        var rest = line[i..];
        // The level is four to eight letters: the colon is looked for where it can be, not along a whole metric row.
        var colon = rest[..Math.Min(rest.Length, 9)].IndexOf((byte)':');
        if (colon < 4 || !ReadLevelExact(rest[..colon]))
        {
            return i;
        }

        var second = rest[(colon + 1)..].IndexOf((byte)':');
        if (second < 1 || second > 80 || rest.Slice(colon + 1, second).IndexOf((byte)' ') >= 0)
        {
            Level = LogLevel.None;
            return i;
        }

        return i + colon + 1 + second + 1;
    }

    private int SkipSeparator(ReadOnlySpan<byte> line, int i)
    {
        // After a timestamp: ` >> `, ` - INFO - `, ` | INFO | `, ` INFO `, `: `, or a detectron2 logger name and `LEVEL:`.
        i = SkipSpaces(line, i);
        if (line[i..].StartsWith(">>"u8))
        {
            return i + 2;
        }

        if (i < line.Length && line[i] is (byte)'-' or (byte)'|')
        {
            var sep = line[i];
            var j = SkipSpaces(line, i + 1);
            var word = WordEnd(line, j);
            if (ReadLevelExact(line[j..word]))
            {
                j = SkipSpaces(line, word);
                if (j < line.Length && line[j] == sep)
                {
                    return j + 1;
                }

                return j;
            }

            return i + 1;
        }

        // `[12/21 21:00:41] d2.utils.events INFO:` — a dotted logger name then a level with a colon.
        var nameEnd = WordEnd(line, i);
        var k = SkipSpaces(line, nameEnd);
        var levelEnd = WordEnd(line, k);
        if (levelEnd > k + 1 && line[levelEnd - 1] == (byte)':' && ReadLevelExact(line[k..(levelEnd - 1)]))
        {
            return levelEnd;
        }

        if (ReadLevelExact(line[i..nameEnd]) || (nameEnd > i + 1 && line[nameEnd - 1] == (byte)':' && ReadLevelExact(line[i..(nameEnd - 1)])))
        {
            return nameEnd;
        }

        return i;
    }

    private static int SkipLoggerThenArrow(ReadOnlySpan<byte> line, int i)
    {
        var arrow = line[i..].IndexOf(">>"u8);
        return arrow is >= 0 and < 80 ? i + arrow + 2 : i;
    }

    private bool ReadLevel(ReadOnlySpan<byte> text)
    {
        var end = 0;
        while (end < text.Length && (uint)((text[end] | 0x20) - 'a') <= 'z' - 'a')
        {
            end++;
        }

        return ReadLevelExact(text[..end]);
    }

    private bool ReadLevelExact(ReadOnlySpan<byte> word)
    {
        var level = word.Length switch
        {
            4 when Ascii.EqualsIgnoreCase(word, "INFO"u8) => LogLevel.Info,
            4 when Ascii.EqualsIgnoreCase(word, "WARN"u8) => LogLevel.Warning,
            5 when Ascii.EqualsIgnoreCase(word, "DEBUG"u8) => LogLevel.Debug,
            5 when Ascii.EqualsIgnoreCase(word, "ERROR"u8) => LogLevel.Error,
            5 when Ascii.EqualsIgnoreCase(word, "FATAL"u8) => LogLevel.Critical,
            7 when Ascii.EqualsIgnoreCase(word, "WARNING"u8) => LogLevel.Warning,
            8 when Ascii.EqualsIgnoreCase(word, "CRITICAL"u8) => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (level == LogLevel.None)
        {
            return false;
        }

        Level = level;
        return true;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && (line[i] == (byte)' ' || line[i] == (byte)'\t'))
        {
            i++;
        }

        return i;
    }

    private static int WordEnd(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] != (byte)' ' && line[i] != (byte)'\t')
        {
            i++;
        }

        return i;
    }
}
