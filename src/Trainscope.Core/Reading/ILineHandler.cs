namespace Trainscope.Reading;

/// <summary>Receives the raw lines a <see cref="LineSplitter"/> finds.</summary>
public interface ILineHandler
{
    /// <summary>A complete line (terminator removed). The span is only valid during the call.</summary>
    void OnLine(ReadOnlySpan<byte> line, long number, long offset);

    /// <summary>A line longer than the limit was dropped.</summary>
    void OnTooLong(long number, long offset, long length);

    /// <summary>The input ended inside a line: it may be half-written, so it is reported, not parsed as complete.</summary>
    void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length);
}
