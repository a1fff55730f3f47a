using System.Buffers.Binary;
using System.Text;
using Trainscope.Formats.TensorBoard;
using Trainscope.Reporting;

namespace Trainscope.Tests.Formats.TensorBoard;

public class TfRecordCrcTests
{
    [Fact]
    public void Crc32c_of_the_standard_check_string_is_e3069283()
        => TfRecordCrc.Crc32C(Encoding.ASCII.GetBytes("123456789")).ShouldBe(0xE3069283u);

    [Fact]
    public void Crc32c_of_nothing_is_zero()
        => TfRecordCrc.Crc32C([]).ShouldBe(0u);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(31)]
    public void Eight_byte_steps_and_single_bytes_agree_for_any_length(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 29 + 3)).ToArray();
        var bytewise = ~data.Aggregate(0xFFFFFFFFu, (crc, b) => System.Numerics.BitOperations.Crc32C(crc, b));
        TfRecordCrc.Crc32C(data).ShouldBe(bytewise);
    }

    [Fact]
    public void Our_writer_frames_payloads_byte_for_byte_as_the_independent_fixture_encoder()
    {
        var fixture = EventFiles.Fixture("scalars");
        using var rewritten = new MemoryStream();
        var writer = new TfRecordWriter(rewritten);
        var offset = 0;
        while (offset < fixture.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(fixture.AsSpan(offset));
            writer.Write(fixture.AsSpan(offset + TfRecordReader.HeaderBytes, length));
            offset += TfRecordReader.HeaderBytes + length + TfRecordReader.FooterBytes;
        }

        writer.RecordsWritten.ShouldBe(22);
        rewritten.ToArray().ShouldBe(fixture);
    }
}
