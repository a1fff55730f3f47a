using Microsoft.Win32.SafeHandles;
using Trainscope.Reading;

namespace Trainscope.Following;

/// <summary>
/// One open file being read incrementally: how far complete lines were read, the next line number, and the first bytes
/// seen, to notice when it is rewritten from the start. The handle stays valid after a rename or delete.
/// </summary>
internal sealed class OpenedFile : IDisposable
{
    public const int FingerprintLength = 64;

    private readonly FileStream _stream;
    private readonly byte[] _head = new byte[FingerprintLength];
    private int _headLength;

    private OpenedFile(FileStream stream, FileIdentity? identity)
    {
        _stream = stream;
        Identity = identity;
    }

    public FileIdentity? Identity { get; }

    /// <summary>Offset just past the last complete line read.</summary>
    public long Offset { get; private set; }

    public long NextLine { get; private set; } = 1;

    /// <summary>The length at the last check, to skip the fingerprint check when nothing changed.</summary>
    public long LastLength { get; private set; }

    public DateTime LastGrowth { get; private set; } = DateTime.UtcNow;

    /// <summary>The first bytes as they were when read (a file copied from this one before truncation starts with them).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public SafeFileHandle Handle => _stream.SafeFileHandle;

    public static OpenedFile? TryOpen(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            return new OpenedFile(stream, FileIdentity.Of(stream.SafeFileHandle));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public long Length()
    {
        try
        {
            return RandomAccess.GetLength(Handle);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>True when the content read so far is no longer there: shorter than our offset, or different first bytes.</summary>
    public bool WasRewritten(long length)
    {
        if (length < Offset)
        {
            return true;
        }

        // Not skipped when the length is unchanged: `copytruncate` followed by appends can bring a file back to exactly
        // the length it had (log lines are often the same length), and only its bytes tell.
        if (Offset == 0)
        {
            return false;
        }

        Span<byte> check = stackalloc byte[FingerprintLength + 1];
        var headLength = (int)Math.Min(_headLength, Offset);
        if (RandomAccess.Read(Handle, check[..headLength], 0) != headLength || !check[..headLength].SequenceEqual(_head.AsSpan(0, headLength)))
        {
            return true;
        }

        // Offsets always sit just after a line terminator; anything else there means new content.
        return RandomAccess.Read(Handle, check[..1], Offset - 1) != 1 || check[0] is not ((byte)'\n' or (byte)'\r');
    }

    /// <summary>True when the file begins with <paramref name="head"/>.</summary>
    public bool StartsWith(ReadOnlySpan<byte> head)
    {
        Span<byte> buffer = stackalloc byte[FingerprintLength];
        var read = RandomAccess.Read(Handle, buffer[..Math.Min(head.Length, FingerprintLength)], 0);
        return read == head.Length && buffer[..read].SequenceEqual(head);
    }

    /// <summary>Takes over another file's read position (a copy of it holds the same bytes up to there).</summary>
    public void ContinueFrom(OpenedFile other)
    {
        Offset = other.Offset;
        NextLine = other.NextLine;
    }

    /// <summary>Starts over at offset 0 (after truncation).</summary>
    public void Restart()
    {
        Offset = 0;
        NextLine = 1;
        _headLength = 0;
        LastLength = 0;
    }

    /// <summary>Reads the complete lines appended since the last call; returns the bytes consumed.</summary>
    public long ReadNew(LineSplitter splitter, ILineHandler handler, bool includePartial = false)
    {
        var length = Length();
        if (length > LastLength)
        {
            LastGrowth = DateTime.UtcNow;
        }

        LastLength = Math.Max(length, 0);
        if (length < 0 || (length <= Offset && !includePartial))
        {
            return 0;
        }

        RememberHead(length);
        _stream.Position = Offset;
        long consumed;
        if (includePartial)
        {
            consumed = splitter.Split(_stream, handler, Offset, NextLine);
            Offset += consumed;
        }
        else
        {
            (consumed, var next) = splitter.SplitCompleteLines(_stream, handler, Offset, NextLine);
            Offset += consumed;
            NextLine = next;
        }

        return consumed;
    }

    private void RememberHead(long length)
    {
        if (_headLength < FingerprintLength && length > _headLength)
        {
            _headLength = RandomAccess.Read(Handle, _head.AsSpan(0, (int)Math.Min(FingerprintLength, length)), 0);
        }
    }

    public void Dispose() => _stream.Dispose();
}
