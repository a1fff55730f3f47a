using System.Runtime.InteropServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// The records a stretch of a part counted per rank, with the last epoch and step they named: what
/// <see cref="RankTracker.SeeRecord"/> and <see cref="RankTracker.CountRecords"/> would have done with them, folded.
/// </summary>
internal sealed class RankRecords
{
    private readonly List<Entry> _entries = [];
    private int _last = -1;

    public ReadOnlySpan<Entry> Entries => CollectionsMarshal.AsSpan(_entries);

    public void SeeRecord(int? rank, in Position position)
    {
        if (rank is int r)
        {
            ref var entry = ref Of(r);
            entry.Records++;
            entry.LastEpoch = position.Epoch ?? entry.LastEpoch;
            entry.LastStep = position.Step ?? entry.LastStep;
        }
    }

    public void CountRecords(int? rank, int count)
    {
        if (rank is int r && count > 0)
        {
            Of(r).Records += count;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _last = -1;
    }

    private ref Entry Of(int rank)
    {
        // Records come in runs from one rank, and a run has few ranks: a search of the list is enough.
        var entries = CollectionsMarshal.AsSpan(_entries);
        if (_last < 0 || entries[_last].Rank != rank)
        {
            _last = -1;
            for (var i = 0; i < entries.Length && _last < 0; i++)
            {
                _last = entries[i].Rank == rank ? i : -1;
            }

            if (_last < 0)
            {
                _entries.Add(new Entry { Rank = rank });
                _last = _entries.Count - 1;
                entries = CollectionsMarshal.AsSpan(_entries);
            }
        }

        return ref entries[_last];
    }

    public struct Entry
    {
        public int Rank;
        public long Records;
        public int? LastEpoch;
        public long? LastStep;
    }
}
