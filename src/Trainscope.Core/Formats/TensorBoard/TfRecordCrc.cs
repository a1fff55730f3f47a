using System.Buffers.Binary;
using System.Numerics;

namespace Trainscope.Formats.TensorBoard;

/// <summary>The masked CRC-32C (Castagnoli) that TFRecord framing stores after the length and after the data.</summary>
public static class TfRecordCrc
{
    // From TensorFlow's record format (tensorflow/core/lib/hash/crc32c.h): masked = rotate-right-15 of the CRC plus
    // this constant, so that CRCs of data that itself holds CRCs do not collide trivially.
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>The masked CRC-32C of <paramref name="data"/>, as stored in the file.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + MaskDelta;
    }

    /// <summary>The plain CRC-32C of <paramref name="data"/> (`123456789` → 0xE3069283).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        // BitOperations.Crc32C is one step of the hardware instruction (no initial or final inversion), and uses a
        // software table where the CPU lacks it; eight bytes at a time is the fast path.
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
