namespace Trainscope.Records;

/// <summary>
/// A sink that lets a part of a source be folded apart, on the thread that reads it, and takes the folded part later,
/// in order. Large files are read in parts on all cores; folding them there too keeps the sink off a single thread.
/// </summary>
public interface IMergingSink : IRecordSink
{
    /// <summary>
    /// A sink for the records of a part read on its own (its lines numbered from 1), or null when this sink cannot take
    /// parts. Called on the reading thread: it must not touch this sink's state. The part's sink may throw
    /// <see cref="PartRefusedException"/> while it is fed, and the part's records are then passed on in order instead.
    /// </summary>
    IRecordSink? StartPart();

    /// <summary>
    /// Takes a part that <see cref="StartPart"/> made, as if its records arrived now with their lines moved by
    /// <paramref name="lines"/>. Parts are merged in file order, between the records that arrive the usual way.
    /// </summary>
    void MergePart(IRecordSink part, long lines);
}
