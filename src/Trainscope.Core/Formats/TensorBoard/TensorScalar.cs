using System.Buffers.Binary;
using Trainscope.Formats.TensorBoard.Wire;

namespace Trainscope.Formats.TensorBoard;

/// <summary>Reads the one number of a 0-dimensional (or one-element) numeric tensor, as TF2's `tf.summary.scalar` writes.</summary>
internal static class TensorScalar
{
    public static bool TryRead(TensorProto tensor, out double value)
    {
        value = 0;
        if (!HasOneElement(tensor.TensorShape))
        {
            return false;
        }

        var content = tensor.TensorContent.Span;
        switch (tensor.Dtype)
        {
            case DataType.DtFloat:
                return One(tensor.FloatVal, out value) || FromContent(content, 4, static b => BinaryPrimitives.ReadSingleLittleEndian(b), out value);
            case DataType.DtDouble:
                return One(tensor.DoubleVal, out value) || FromContent(content, 8, static b => BinaryPrimitives.ReadDoubleLittleEndian(b), out value);
            case DataType.DtInt32:
            case DataType.DtInt16:
            case DataType.DtInt8:
            case DataType.DtUint8:
                return One(tensor.IntVal, out value) || FromContent(content, ElementBytes(tensor.Dtype), b => ReadSmallInt(tensor.Dtype, b), out value);
            case DataType.DtInt64:
                return One(tensor.Int64Val, out value) || FromContent(content, 8, static b => BinaryPrimitives.ReadInt64LittleEndian(b), out value);
            case DataType.DtUint32:
                return One(tensor.Uint32Val, out value) || FromContent(content, 4, static b => BinaryPrimitives.ReadUInt32LittleEndian(b), out value);
            case DataType.DtUint64:
                return One(tensor.Uint64Val, out value) || FromContent(content, 8, static b => BinaryPrimitives.ReadUInt64LittleEndian(b), out value);
            case DataType.DtHalf:
                // half_val holds the 16 bits of each half in an int32 (tensor.proto).
                if (tensor.HalfVal.Count == 1)
                {
                    value = (double)BitConverter.Int16BitsToHalf((short)tensor.HalfVal[0]);
                    return true;
                }

                return FromContent(content, 2, static b => (double)BinaryPrimitives.ReadHalfLittleEndian(b), out value);
            case DataType.DtBool:
                return One(tensor.BoolVal, out value) || FromContent(content, 1, static b => b[0] != 0 ? 1 : 0, out value);
            default:
                return false;
        }
    }

    private static bool HasOneElement(TensorShapeProto? shape)
    {
        if (shape is null)
        {
            return true;
        }

        if (shape.UnknownRank)
        {
            return false;
        }

        foreach (var dim in shape.Dim)
        {
            if (dim.Size != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool One<T>(IReadOnlyList<T> values, out double value)
        where T : struct
    {
        value = 0;
        if (values.Count != 1)
        {
            return false;
        }

        value = values[0] switch
        {
            float f => f,
            double d => d,
            int i => i,
            long l => l,
            uint u => u,
            ulong u => u,
            bool b => b ? 1 : 0,
            _ => double.NaN,
        };
        return true;
    }

    private static bool FromContent(ReadOnlySpan<byte> content, int elementBytes, ContentDecoder decode, out double value)
    {
        value = 0;
        if (content.Length != elementBytes)
        {
            return false;
        }

        value = decode(content);
        return true;
    }

    private static int ElementBytes(DataType type) => type switch
    {
        DataType.DtInt32 => 4,
        DataType.DtInt16 => 2,
        _ => 1,
    };

    private static double ReadSmallInt(DataType type, ReadOnlySpan<byte> bytes) => type switch
    {
        DataType.DtInt32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        DataType.DtInt16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        DataType.DtInt8 => (sbyte)bytes[0],
        _ => bytes[0],
    };

    private delegate double ContentDecoder(ReadOnlySpan<byte> bytes);
}
