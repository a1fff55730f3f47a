using Trainscope.Records;

namespace Trainscope.Formats.Generic;

/// <summary>One `label value` pair found in a line: its label words (indices into the word list), value and phase.</summary>
internal struct LabelledValue
{
    public int FirstWord;
    public int WordCount;
    public double Value;
    public double? Average;
    public Phase Phase;

    /// <summary>The phase came from `Dev`: a second evaluation split beside `Validation`, kept apart by a `dev_` prefix.</summary>
    public bool Dev;
}

/// <summary>
/// What <see cref="LineShapeReader"/> found in one line. One instance is reused for every line of a source, so reading
/// allocates nothing; the arrays are fixed and what does not fit is dropped.
/// </summary>
internal sealed class LineReading
{
    public const int MaxWords = 96;
    public const int MaxPairs = 32;

    public readonly (int Start, int Length)[] Words = new (int, int)[MaxWords];
    public readonly LabelledValue[] Pairs = new LabelledValue[MaxPairs];
    public int WordCount;
    public int PairCount;
    public Position Position;

    /// <summary>The line's words with numbers masked, hashed: lines of one family share it.</summary>
    public ulong Shape;

    /// <summary>Phase named by a word of the line so far (`Val`, `test`, `验证集`); later pairs take it.</summary>
    public Phase Phase;

    /// <summary>The phase word was `Dev`.</summary>
    public bool Dev;

    /// <summary>Nothing but punctuation follows the last position read (`… INFO [step=1/15000,epoch=0]`).</summary>
    public bool EndsWithPosition;

    public bool HasPosition => Position.Epoch is not null || Position.Step is not null || Position.Iteration is not null;

    public void Reset()
    {
        WordCount = 0;
        PairCount = 0;
        Position = default;
        EndsWithPosition = false;
        Shape = 14695981039346656037UL;
        Phase = Phase.Train;
        Dev = false;
    }

    public void Hash(byte b) => Shape = (Shape ^ b) * 1099511628211UL;

    public void Hash(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            Hash(b);
        }

        Hash((byte)' ');
    }
}
