using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Trainscope.Formats.Diagnostics;

/// <summary>
/// The words without which a line cannot be a diagnostic, found in the line's UTF-8 bytes (ordinal, case-sensitive).
/// The observer sees every line of every log, nearly all of them metric lines holding none of the words, so the search
/// makes one vectorised pass that flags the few bytes a word can be anchored on and compares words only there.
/// </summary>
internal static class TriggerWords
{
    /// <summary>
    /// Each word with its anchor, the index of the byte it is looked for by. Metric names are lowercase and their
    /// values digits, so words with a capital are anchored on it; of the lowercase words `of memory` and `overflow` hold
    /// an `f` and `warn(` a `w`, which metric names rarely do. Every letter of `signal` is common in metric names
    /// (`loss_giou`, `learning_rate`), so it is anchored on its `g` and flagged only where an `n` follows.
    /// The probes below flag exactly these: any capital, `f`, `w`, and `g` before `n`.
    /// </summary>
    private static readonly (string Word, int Anchor)[] Anchored =
    [
        ("Error", 0), ("Exception", 0), ("Traceback", 0), ("of memory", 1), ("NCCL", 0), ("Warning", 0), ("WARN", 0),
        ("warn(", 0), ("SIG", 0), ("signal", 2), ("Killed", 0), ("OVERFLOW", 0), ("overflow", 4), ("Interrupt", 0),
        ("NVIDIA", 0), ("Tesla", 0),
    ];

    /// <summary>For each byte, the words anchored on it (most bytes: none).</summary>
    private static readonly Candidate[][] ByAnchor = BuildCandidates();

    /// <summary>
    /// One bit for each anchor byte and the byte after it in its word (`Er`, `IN`, `gn` …): a logging prefix's `INFO` or
    /// the `E` of `Epoch` is flagged by the probe but dismissed here without comparing words.
    /// </summary>
    private static readonly ulong[] AnchorPairs = BuildAnchorPairs();

    /// <summary>All the words.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Anchored.Select(w => w.Word)];

    /// <summary>True when <paramref name="text"/> holds any of the words.</summary>
    public static bool AnyIn(ReadOnlySpan<byte> text)
    {
        // Each probe reads a block and the block one byte on (for `gn`), so the line must be longer than a block.
        if (Vector256.IsHardwareAccelerated && text.Length > Vector256<byte>.Count)
        {
            return AnyInBy256(text);
        }

        return Vector128.IsHardwareAccelerated && text.Length > Vector128<byte>.Count ? AnyInBy128(text) : AnyInByByte(text);
    }

    /// <summary>32 bytes a step; <paramref name="text"/> must be longer than 32 bytes.</summary>
    internal static bool AnyInBy256(ReadOnlySpan<byte> text)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        var last = text.Length - Vector256<byte>.Count - 1;
        for (var i = 0; ; i += Vector256<byte>.Count)
        {
            // The last step is moved back to end one byte before the line's end; the bytes it reads again are harmless.
            var at = Math.Min(i, last);
            var here = Vector256.LoadUnsafe(ref first, (nuint)at);
            var next = Vector256.LoadUnsafe(ref first, (nuint)at + 1);
            var flagged = Vector256.LessThan(here - Vector256.Create((byte)'A'), Vector256.Create((byte)26))
                | Vector256.Equals(here, Vector256.Create((byte)'f')) | Vector256.Equals(here, Vector256.Create((byte)'w'))
                | (Vector256.Equals(here, Vector256.Create((byte)'g')) & Vector256.Equals(next, Vector256.Create((byte)'n')));
            // Most steps flag nothing: the test stays here instead of costing a call.
            var bits = flagged.ExtractMostSignificantBits();
            if (bits != 0 && AnyWordAt(text, at, bits))
            {
                return true;
            }

            if (at == last)
            {
                // No step flags the last byte. No word is anchored on its own last byte (see BuildAnchorPairs); looking keeps that harmless.
                return WordAt(text, text.Length - 1);
            }
        }
    }

    /// <summary>16 bytes a step, where 32-byte vectors are not accelerated; <paramref name="text"/> must be longer than 16 bytes.</summary>
    internal static bool AnyInBy128(ReadOnlySpan<byte> text)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        var last = text.Length - Vector128<byte>.Count - 1;
        for (var i = 0; ; i += Vector128<byte>.Count)
        {
            var at = Math.Min(i, last);
            var here = Vector128.LoadUnsafe(ref first, (nuint)at);
            var next = Vector128.LoadUnsafe(ref first, (nuint)at + 1);
            var flagged = Vector128.LessThan(here - Vector128.Create((byte)'A'), Vector128.Create((byte)26))
                | Vector128.Equals(here, Vector128.Create((byte)'f')) | Vector128.Equals(here, Vector128.Create((byte)'w'))
                | (Vector128.Equals(here, Vector128.Create((byte)'g')) & Vector128.Equals(next, Vector128.Create((byte)'n')));
            // Most steps flag nothing: the test stays here instead of costing a call.
            var bits = flagged.ExtractMostSignificantBits();
            if (bits != 0 && AnyWordAt(text, at, bits))
            {
                return true;
            }

            if (at == last)
            {
                return WordAt(text, text.Length - 1);
            }
        }
    }

    /// <summary>Every byte in turn, for short lines and machines without vectors.</summary>
    internal static bool AnyInByByte(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (WordAt(text, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word is anchored at any position flagged in <paramref name="bits"/> (bit k: position <paramref name="at"/> + k).</summary>
    private static bool AnyWordAt(ReadOnlySpan<byte> text, int at, uint bits)
    {
        for (; bits != 0; bits &= bits - 1)
        {
            // A flagged position always has a byte after it: the steps end one byte before the line does.
            var i = at + BitOperations.TrailingZeroCount(bits);
            var pair = (text[i] << 8) | text[i + 1];
            if ((AnchorPairs[pair >> 6] & (1UL << pair)) != 0 && WordAt(text, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word anchored on the byte at <paramref name="i"/> is there.</summary>
    private static bool WordAt(ReadOnlySpan<byte> text, int i)
    {
        foreach (var candidate in ByAnchor[text[i]])
        {
            var start = i - candidate.Anchor;
            if (start >= 0 && text[start..].StartsWith(candidate.Word))
            {
                return true;
            }
        }

        return false;
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

    private static ulong[] BuildAnchorPairs()
    {
        var pairs = new ulong[65536 / 64];
        foreach (var (word, anchor) in Anchored)
        {
            var pair = (word[anchor] << 8) | word[anchor + 1]; // no word is anchored on its last byte
            pairs[pair >> 6] |= 1UL << pair;
        }

        return pairs;
    }

    private readonly record struct Candidate(byte[] Word, int Anchor);
}
