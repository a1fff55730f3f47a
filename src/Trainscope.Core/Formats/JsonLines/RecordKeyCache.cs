namespace Trainscope.Formats.JsonLines;

/// <summary>
/// The <see cref="RecordKey"/> for key bytes. Consecutive lines usually repeat the previous line's keys in the same
/// order, so the key seen at the same position last time is tried first; files that alternate layouts (detectron2's
/// training and evaluation records) find their keys in a table of all keys seen, so warm lines allocate nothing.
/// </summary>
internal sealed class RecordKeyCache
{
    private const int MaxKeys = 4096;
    private const int MaxSlots = 512;
    private readonly LoggedRecord _record;
    private RecordKey?[] _slots = new RecordKey?[32];
    private RecordKey?[] _table = new RecordKey?[256];
    private int _count;

    public RecordKeyCache(LoggedRecord record) => _record = record;

    /// <summary>
    /// Whether the member at <paramref name="i"/> opens with the key last seen at <paramref name="slot"/> and its colon:
    /// one comparison instead of scanning the key and the separator. Cached keys hold no quote or escape, so matching
    /// bytes mean the same string; on a match <paramref name="i"/> moves past the colon.
    /// </summary>
    public bool TryRepeat(int slot, ReadOnlySpan<byte> json, ref int i, out RecordKey key)
    {
        if ((uint)slot < (uint)_slots.Length && _slots[slot] is { } last && json[i..].StartsWith(last.QuotedWithColon))
        {
            i += last.QuotedWithColon.Length;
            key = last;
            return true;
        }

        key = null!;
        return false;
    }

    /// <summary>The key at position <paramref name="slot"/> of the object; <paramref name="key"/> holds no quote or escape.</summary>
    public RecordKey Get(int slot, ReadOnlySpan<byte> key)
    {
        if ((uint)slot < (uint)_slots.Length && _slots[slot] is { } last && key.SequenceEqual(last.Bytes))
        {
            return last;
        }

        var found = Find(key);
        if (slot < MaxSlots)
        {
            if (slot >= _slots.Length)
            {
                Array.Resize(ref _slots, Math.Min(MaxSlots, _slots.Length * 2));
            }

            _slots[slot] = found;
        }

        return found;
    }

    private RecordKey Find(ReadOnlySpan<byte> key)
    {
        var mask = _table.Length - 1;
        var i = Hash(key) & mask;
        while (_table[i] is { } entry)
        {
            if (key.SequenceEqual(entry.Bytes))
            {
                return entry;
            }

            i = (i + 1) & mask;
        }

        var described = _record.Describe(key);
        if (_count < MaxKeys)
        {
            _table[i] = described;
            if (++_count * 2 > _table.Length)
            {
                Grow();
            }
        }

        return described;
    }

    private void Grow()
    {
        var old = _table;
        _table = new RecordKey?[old.Length * 2];
        var mask = _table.Length - 1;
        foreach (var entry in old)
        {
            if (entry is null)
            {
                continue;
            }

            var i = Hash(entry.Bytes) & mask;
            while (_table[i] is not null)
            {
                i = (i + 1) & mask;
            }

            _table[i] = entry;
        }
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode() & int.MaxValue;
    }
}
