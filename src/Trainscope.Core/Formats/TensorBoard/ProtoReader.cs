using System.Buffers.Binary;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// Walks protobuf wire format over a span without allocating: field keys, varints, fixed 32/64-bit values and
/// length-delimited bytes. Malformed input is a <c>false</c> return, never an exception.
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>The next field key; false at a malformed key or field number 0.</summary>
    public bool TryReadKey(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (!TryReadVarint(out var key) || key >> 3 == 0 || key >> 3 > int.MaxValue)
        {
            return false;
        }

        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        return true;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                return false;
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_data.Length - _position < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return true;
    }

    public bool TryReadFixed32(out uint value)
    {
        value = 0;
        if (_data.Length - _position < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return true;
    }

    public bool TryReadBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_data.Length - _position))
        {
            return false;
        }

        bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>Skips a field's value; groups (wire types 3 and 4, long deprecated) are refused as malformed.</summary>
    public bool TrySkip(int wireType) => wireType switch
    {
        Varint => TryReadVarint(out _),
        Fixed64 => TryReadFixed64(out _),
        LengthDelimited => TryReadBytes(out _),
        Fixed32 => TryReadFixed32(out _),
        _ => false,
    };
}
