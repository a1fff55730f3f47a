using System.Buffers;

namespace Trainscope.Reading;

/// <summary>
/// Splits a byte stream into lines on `\n`, `\r\n` and lone `\r` (progress-bar redraws), reading large buffers and
/// never holding more than one buffer. Line numbers count `\n` only, as editors and `grep -n` do, so the redraws of a
/// tqdm bar share their line's number; offsets are exact byte positions. The buffer starts small enough to stay in a
/// core's cache (the kernel's copy into it and the scan over it then hit the cache) and grows only for a line that
/// does not fit, up to what the longest kept line needs.
/// </summary>
public sealed class LineSplitter
{
    /// <summary>Lines longer than this are dropped and reported.</summary>
    public const int DefaultMaxLineLength = 1 << 20;

    private static readonly SearchValues<byte> Terminators = SearchValues.Create("\n\r"u8);
    private readonly int _maxLineLength;
    private readonly int _bufferSize;

    /// <summary>The buffer a split starts with, unless a smaller one is asked for.</summary>
    public const int DefaultBufferSize = 256 << 10;

    public LineSplitter(int maxLineLength = DefaultMaxLineLength, int bufferSize = DefaultBufferSize)
    {
        _maxLineLength = maxLineLength;
        _bufferSize = Math.Max(1, bufferSize);
    }

    /// <summary>Reads the stream to its end. Returns the number of bytes read.</summary>
    public long Split(Stream stream, ILineHandler handler, long startOffset = 0, long startLine = 1)
        => Run(stream, handler, startOffset, startLine, holdPartial: false).Consumed;

    /// <summary>
    /// Reads the stream to its end but leaves an unfinished last line (or over-long line still growing) unread, for
    /// following a file that is being written: the next call resumes at <c>Consumed</c> bytes past
    /// <paramref name="startOffset"/> with line number <c>NextLine</c>, and sees the line once its terminator arrives.
    /// </summary>
    public (long Consumed, long NextLine) SplitCompleteLines(Stream stream, ILineHandler handler, long startOffset = 0, long startLine = 1)
        => Run(stream, handler, startOffset, startLine, holdPartial: true);

    private (long Consumed, long NextLine) Run(Stream stream, ILineHandler handler, long startOffset, long startLine, bool holdPartial)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        try
        {
            return SplitInto(stream, handler, ref buffer, startOffset, startLine, holdPartial);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (long Consumed, long NextLine) SplitInto(Stream stream, ILineHandler handler, ref byte[] buffer, long startOffset, long startLine, bool holdPartial)
    {
        var filled = 0;             // bytes valid in buffer
        var lineStart = 0;          // start of the current line in buffer
        var bufferOffset = startOffset; // file offset of buffer[0]
        var number = startLine;
        var skipping = false;       // inside an over-long line, dropping bytes until its end
        long skipStartOffset = 0;
        long skipNumber = 0;
        var pendingCr = false;      // a `\r` ended the previous buffer; a following `\n` belongs to it
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            var eof = read == 0;
            filled += read;
            var scan = lineStart;
            if (pendingCr && scan < filled)
            {
                if (buffer[scan] == (byte)'\n')
                {
                    number++;
                    scan++;
                    lineStart = scan;
                }

                pendingCr = false;
            }

            while (scan < filled)
            {
                var found = buffer.AsSpan(scan, filled - scan).IndexOfAny(Terminators);
                if (found < 0)
                {
                    break;
                }

                var end = scan + found;
                var isCr = buffer[end] == (byte)'\r';
                if (skipping)
                {
                    handler.OnTooLong(skipNumber, skipStartOffset, bufferOffset + end - skipStartOffset);
                    skipping = false;
                }
                else if (end - lineStart > _maxLineLength)
                {
                    // Whole in the buffer but past the limit: dropped all the same, however the reads fell.
                    handler.OnTooLong(number, bufferOffset + lineStart, end - lineStart);
                }
                else if (end > lineStart)
                {
                    handler.OnLine(buffer.AsSpan(lineStart, end - lineStart), number, bufferOffset + lineStart);
                }

                scan = end + 1;
                if (isCr)
                {
                    if (scan < filled)
                    {
                        if (buffer[scan] == (byte)'\n')
                        {
                            scan++;
                            number++;
                        }
                    }
                    else if (!eof)
                    {
                        pendingCr = true;
                    }
                }
                else
                {
                    number++;
                }

                lineStart = scan;
            }

            if (eof)
            {
                if (holdPartial)
                {
                    // The writer may still be writing this line: stop before it and read it whole next time.
                    var resumeAt = skipping ? skipStartOffset : bufferOffset + lineStart;
                    return (resumeAt - startOffset, skipping ? skipNumber : number);
                }

                if (skipping)
                {
                    handler.OnTooLong(skipNumber, skipStartOffset, bufferOffset + filled - skipStartOffset);
                }
                else if (filled > lineStart)
                {
                    handler.OnPartialLastLine(buffer.AsSpan(lineStart, filled - lineStart), number, bufferOffset + lineStart, filled - lineStart);
                }

                return (bufferOffset + filled - startOffset, number);
            }

            // Keep the unfinished line; drop it if it has grown past the limit.
            var pending = filled - lineStart;
            if (!skipping && pending > _maxLineLength)
            {
                skipping = true;
                skipStartOffset = bufferOffset + lineStart;
                skipNumber = number;
            }

            if (skipping)
            {
                bufferOffset += filled;
                filled = 0;
                lineStart = 0;
                continue;
            }

            if (lineStart > 0)
            {
                Buffer.BlockCopy(buffer, lineStart, buffer, 0, pending);
                bufferOffset += lineStart;
                filled = pending;
                lineStart = 0;
            }
            else if (filled == buffer.Length)
            {
                // One line fills the buffer and may still be kept: make room for it to reach the limit and its end.
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, Math.Min(buffer.Length * 4, _maxLineLength + 2)));
                Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }
    }
}
