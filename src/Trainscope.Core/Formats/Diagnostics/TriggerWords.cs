using System.Buffers;
using System.Text;

namespace Trainscope.Formats.Diagnostics;

/// <summary>
/// The words without which a line cannot be a diagnostic, found in the line's UTF-8 bytes (ordinal, case-sensitive).
/// The observer sees every line of every log, nearly all of them metric lines holding none of the words, so the search
/// is built to dismiss those with one or two vectorised scans.
/// </summary>
internal static class TriggerWords
{
    /// <summary>
    /// Each word with its anchor: the index of a byte that metric lines rarely hold. Metric names are lowercase and
    /// their values digits, so an uppercase letter serves where the word has one; `of memory`, `warn(` and `overflow`
    /// have `f` or `w`, which no common metric name holds. A line is only looked at where an anchor byte is.
    /// </summary>
    private static readonly (string Word, int Anchor)[] Anchored =
    [
        ("Error", 0), ("Exception", 0), ("Traceback", 0), ("of memory", 1), ("NCCL", 1), ("Warning", 0), ("WARN", 0),
        ("warn(", 0), ("SIG", 0), ("Killed", 0), ("OVERFLOW", 1), ("overflow", 7), ("Interrupt", 0), ("NVIDIA", 1),
        ("Tesla", 0),
    ];

    /// <summary>
    /// Every letter of `signal` is common in metric names (`loss_giou`, `learning_rate`), so it has no anchor and is
    /// searched for on its own; the runtime's substring search probes its first and last byte together.
    /// </summary>
    private static readonly byte[] Unanchored = "signal"u8.ToArray();

    private static readonly SearchValues<byte> AnchorBytes = SearchValues.Create(Anchored.Select(w => (byte)w.Word[w.Anchor]).Distinct().ToArray());

    /// <summary>For each anchor byte, the words to compare where it is found.</summary>
    private static readonly Candidate[][] ByAnchor = BuildCandidates();

    /// <summary>All the words, anchored or not.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Anchored.Select(w => w.Word), Encoding.ASCII.GetString(Unanchored)];

    /// <summary>True when <paramref name="text"/> holds any of the words.</summary>
    public static bool AnyIn(ReadOnlySpan<byte> text)
    {
        var from = 0;
        while (true)
        {
            var hit = text[from..].IndexOfAny(AnchorBytes);
            if (hit < 0)
            {
                break;
            }

            var at = from + hit;
            foreach (var candidate in ByAnchor[text[at]])
            {
                var start = at - candidate.Anchor;
                if (start >= 0 && text[start..].StartsWith(candidate.Word))
                {
                    return true;
                }
            }

            from = at + 1;
        }

        return text.IndexOf(Unanchored) >= 0;
    }

    private static Candidate[][] BuildCandidates()
    {
        var byAnchor = new Candidate[256][];
        Array.Fill(byAnchor, []);
        foreach (var (word, anchor) in Anchored)
        {
            var b = (byte)word[anchor];
            byAnchor[b] = [.. byAnchor[b], new Candidate(Encoding.ASCII.GetBytes(word), anchor)];
        }

        return byAnchor;
    }

    private readonly record struct Candidate(byte[] Word, int Anchor);
}
