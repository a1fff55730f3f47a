namespace Trainscope.Records;

/// <summary>
/// Thrown by the sink of a part read on its own (<see cref="IMergingSink.StartPart"/>) when folding the part apart would
/// cost more than passing its records on in order (a part of thousands of epochs, each one a table entry): the reader
/// keeps that part's records and replays them instead. Expected, not a bug: nothing is lost.
/// </summary>
public sealed class PartRefusedException : Exception
{
    public PartRefusedException()
        : base("the part is cheaper replayed than folded apart")
    {
    }
}
