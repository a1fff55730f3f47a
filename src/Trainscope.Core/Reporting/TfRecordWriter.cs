using System.Buffers.Binary;
using Trainscope.Formats.TensorBoard;

namespace Trainscope.Reporting;

/// <summary>Writes TFRecord framing: uint64 length, masked CRC-32C of the length, the data, masked CRC-32C of the data.</summary>
public sealed class TfRecordWriter
{
    private readonly Stream _output;

    public TfRecordWriter(Stream output)
    {
        _output = output;
    }

    public long RecordsWritten { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[TfRecordReader.HeaderBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], TfRecordCrc.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[TfRecordReader.FooterBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, TfRecordCrc.Masked(data));
        _output.Write(header);
        _output.Write(data);
        _output.Write(footer);
        RecordsWritten++;
    }
}
