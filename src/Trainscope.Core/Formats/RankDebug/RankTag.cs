using Trainscope.Formats.Text;

namespace Trainscope.Formats.RankDebug;

/// <summary>The `[Rank 0/8 Worker 0/2]` tag: rank, world size, worker and worker count, each optional but the rank.</summary>
internal struct RankTag
{
    public int Rank;
    public int? WorldSize;
    public int? Worker;
    public int? Workers;

    /// <summary>Where the text after the tag starts.</summary>
    public int End;

    /// <summary>Reads the tag starting at <paramref name="start"/> (the `[`).</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, int start, out RankTag tag)
    {
        tag = default;
        var i = start + "[Rank "u8.Length;
        if (!ReadPair(line, ref i, out var rank, out tag.WorldSize))
        {
            return false;
        }

        tag.Rank = rank;
        i = SpanFields.SkipSpaces(line, i);
        if (line[i..].StartsWith("Worker "u8))
        {
            i += "Worker "u8.Length;
            if (!ReadPair(line, ref i, out var worker, out tag.Workers))
            {
                return false;
            }

            tag.Worker = worker;
            i = SpanFields.SkipSpaces(line, i);
        }

        if (i >= line.Length || line[i] != (byte)']')
        {
            return false;
        }

        tag.End = SpanFields.SkipSpaces(line, i + 1);
        return true;
    }

    private static bool ReadPair(ReadOnlySpan<byte> line, ref int i, out int value, out int? total)
    {
        total = null;
        value = 0;
        if (!SpanFields.TryReadLong(line, ref i, out var first) || first > 1_000_000)
        {
            return false;
        }

        value = (int)first;
        var j = i;
        if (j < line.Length && line[j] == (byte)'/')
        {
            j++;
            if (SpanFields.TryReadLong(line, ref j, out var second) && second <= 1_000_000)
            {
                total = (int)second;
                i = j;
            }
        }

        return true;
    }
}
