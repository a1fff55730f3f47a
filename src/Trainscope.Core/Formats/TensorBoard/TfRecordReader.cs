using System.Buffers.Binary;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// Streams TFRecord framing — uint64 length (little-endian), masked CRC-32C of those 8 bytes, the data, masked CRC-32C
/// of the data — through one reusable buffer, checking both CRCs. Memory is bounded by the largest accepted record.
/// </summary>
public sealed class TfRecordReader
{
    /// <summary>Length, then the length's CRC.</summary>
    public const int HeaderBytes = 12;

    /// <summary>The data's CRC.</summary>
    public const int FooterBytes = 4;

    /// <summary>Records above this are refused: event payloads are small, and a wild length must not allocate.</summary>
    public const int DefaultMaxRecordBytes = 64 << 20;

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;
    private bool _stopped;
    private long _knownLength = -1;

    public TfRecordReader(Stream stream, int bufferBytes = 64 * 1024, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        _stream = stream;
        _maxRecordBytes = maxRecordBytes;
        _buffer = new byte[Math.Max(bufferBytes, 64)];
    }

    /// <summary>Byte offset of what the last <see cref="Next"/> call reported (record, skipped bytes, cut record).</summary>
    public long RecordOffset { get; private set; }

    /// <summary>For <see cref="TfRecordStatus.Garbage"/> and <see cref="TfRecordStatus.Truncated"/>: the bytes passed over.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>For <see cref="TfRecordStatus.Record"/>, <see cref="TfRecordStatus.BadDataCrc"/> and <see cref="TfRecordStatus.TooLarge"/>: the data length the header gave.</summary>
    public ulong DeclaredLength { get; private set; }

    /// <summary>Bytes held for reading; it grows only for a record larger than the buffer.</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>True when the bytes at the current position start with <paramref name="prefix"/> (nothing is consumed).</summary>
    public bool StartsWith(ReadOnlySpan<byte> prefix)
        => Ensure(prefix.Length) && _buffer.AsSpan(_start, prefix.Length).SequenceEqual(prefix);

    /// <summary>Reads the next record; <paramref name="data"/> is valid until the next call.</summary>
    public TfRecordStatus Next(out ReadOnlySpan<byte> data)
    {
        data = default;
        RecordOffset = _bufferOffset + _start;
        SkippedBytes = 0;
        DeclaredLength = 0;
        if (_stopped || !Ensure(1))
        {
            return TfRecordStatus.End;
        }

        if (!Ensure(HeaderBytes))
        {
            return StopTruncated();
        }

        if (!HeaderIsValid(_buffer.AsSpan(_start, HeaderBytes), out var length))
        {
            return SkipToNextHeader();
        }

        DeclaredLength = length;
        if (length > (ulong)_maxRecordBytes)
        {
            _stopped = true;
            return TfRecordStatus.TooLarge;
        }

        var total = HeaderBytes + (int)length + FooterBytes;
        if (_stream.CanSeek && RecordOffset + total > KnownLength(RecordOffset + total))
        {
            // Known to be cut: do not buffer a record that cannot complete.
            return StopTruncated();
        }

        if (!Ensure(total))
        {
            return StopTruncated();
        }

        var payload = _buffer.AsSpan(_start + HeaderBytes, (int)length);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + HeaderBytes + (int)length, FooterBytes));
        _start += total;
        if (TfRecordCrc.Masked(payload) != stored)
        {
            return TfRecordStatus.BadDataCrc;
        }

        data = payload;
        return TfRecordStatus.Record;
    }

    /// <summary>The stream's length, asked again only when <paramref name="needed"/> passes the last answer (it costs a system call).</summary>
    private long KnownLength(long needed)
    {
        if (_knownLength < needed)
        {
            _knownLength = _stream.Length;
        }

        return _knownLength;
    }

    private static bool HeaderIsValid(ReadOnlySpan<byte> header, out ulong length)
    {
        length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        return TfRecordCrc.Masked(header[..8]) == BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
    }

    private TfRecordStatus SkipToNextHeader()
    {
        // Resynchronise: a random 12 bytes pass the length CRC with odds of 2^-32, and we also want a length we accept.
        _start++;
        while (Ensure(HeaderBytes))
        {
            if (HeaderIsValid(_buffer.AsSpan(_start, HeaderBytes), out var length) && length <= (ulong)_maxRecordBytes)
            {
                break;
            }

            _start++;
        }

        if (_end - _start < HeaderBytes)
        {
            _start = _end;
        }

        SkippedBytes = _bufferOffset + _start - RecordOffset;
        return TfRecordStatus.Garbage;
    }

    private TfRecordStatus StopTruncated()
    {
        var remaining = _stream.CanSeek ? Math.Max(0, _stream.Length - RecordOffset) : _end - _start;
        SkippedBytes = remaining;
        _start = _end;
        _stopped = true;
        return TfRecordStatus.Truncated;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from the current position, unless the stream ends.</summary>
    private bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_endOfStream)
        {
            return false;
        }

        if (count > _buffer.Length - _start)
        {
            var target = count > _buffer.Length ? new byte[Math.Max(count, Math.Min(_buffer.Length * 2, _maxRecordBytes + HeaderBytes + FooterBytes))] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _buffer = target;
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                _endOfStream = true;
                return false;
            }

            _end += read;
        }

        return true;
    }
}
