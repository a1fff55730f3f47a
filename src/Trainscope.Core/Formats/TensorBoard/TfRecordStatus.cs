namespace Trainscope.Formats.TensorBoard;

/// <summary>What <see cref="TfRecordReader.Next"/> found at the current position.</summary>
public enum TfRecordStatus : byte
{
    /// <summary>A whole record whose length and data CRCs both match.</summary>
    Record,

    /// <summary>The stream ended cleanly between records.</summary>
    End,

    /// <summary>The stream ended inside a record (a job still writing, or a cut copy); nothing follows.</summary>
    Truncated,

    /// <summary>The length was sound but the data CRC did not match; the record was skipped and reading goes on.</summary>
    BadDataCrc,

    /// <summary>Bytes that are not a record header were skipped up to the next valid header (or the end).</summary>
    Garbage,

    /// <summary>A record claims more bytes than the reader accepts; reading stops.</summary>
    TooLarge,
}
