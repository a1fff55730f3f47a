using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Trainscope.Formats.Text;

namespace Trainscope.Formats.MetricLogger;

/// <summary>
/// The exact bytes of the last learned line with the digits of its numbers marked. MetricLogger prints every value with a
/// fixed number of decimals (`{median:.4f} ({global_avg:.4f})`), so most lines of a family have the same length, the
/// same bytes everywhere but in those digits, and digits there: such a line is checked with a few vector compares and its
/// numbers are parsed where they are known to sit, with their widths known.
/// </summary>
/// <remarks>
/// A line that passes is the learned line with other digits in the marked places. The general reader cuts it into the
/// same fields (separators, colons and brackets are unmarked bytes, so they are the same), and a plain decimal's value
/// depends on its digits alone, read here with the same mantissa and the same division by an exact power of ten.
/// </remarks>
internal sealed class LineTemplate
{
    /// <summary>A number of eight bytes or fewer is parsed from one word; longer ones the general way, length checked.</summary>
    private const int WordBytes = 8;
    private const ulong Zeros = 0x3030303030303030;

    private byte[] _bytes = [];
    private byte[] _digits = [];
    private Number[] _numbers = new Number[64];
    private int _numberCount;
    private int _etaField = -1;
    private int _etaStart;
    private int _etaLength;
    private int _length = -1;

    public void Forget() => _length = -1;

    /// <summary>
    /// Learns <paramref name="text"/>, whose fields the lead reader has just read back exactly. False (nothing kept)
    /// when a value is not a plain decimal at the place the fields say.
    /// </summary>
    public bool Learn(ReadOnlySpan<byte> text, ReadOnlySpan<FieldLayout.Field> fields)
    {
        _length = -1;
        _numberCount = 0;
        _etaField = -1;
        if (_bytes.Length < text.Length)
        {
            _bytes = new byte[Math.Max(text.Length, _bytes.Length * 2)];
            _digits = new byte[_bytes.Length];
        }

        text.CopyTo(_bytes);
        _digits.AsSpan(0, text.Length).Clear();
        for (var k = 0; k < fields.Length; k++)
        {
            ref readonly var field = ref fields[k];
            var pos = field.NumberStart;
            if (field.IsEta)
            {
                if (!Timedelta.TryReadClock(text[pos..], out _, out var clock))
                {
                    return false;
                }

                (_etaField, _etaStart, _etaLength) = (k, pos, clock);
                Mark(text, pos, clock);
                continue;
            }

            if (!Add(text, k, isAverage: false, pos, out var length))
            {
                return false;
            }

            if (field.HasAverage && !Add(text, k, isAverage: true, pos + length + 2, out _))
            {
                return false;
            }
        }

        _length = text.Length;
        return true;
    }

    /// <summary>
    /// Reads a line laid out byte for byte as the learned one, digits aside, into <paramref name="fields"/>; false leaves
    /// them anywhere and the caller reads the line another way.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields, out double? eta)
    {
        eta = null;
        if (text.Length != _length || !SameBytesAndDigits(text))
        {
            return false;
        }

        foreach (ref readonly var number in _numbers.AsSpan(0, _numberCount))
        {
            double value;
            if (number.InWord)
            {
                var x = BinaryPrimitives.ReadUInt64LittleEndian(text[(number.Start + number.Length - WordBytes)..]) ^ Zeros;
                // Drop the bytes before the number and the dot; the digits then sit at the top of the word with zeros
                // (leading zeros) below, as the fold expects.
                x = (x & number.FractionMask) | ((x & number.WholeMask) << number.DotShift);
                x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FF00FF;
                x = ((x * 100) + (x >> 16)) & 0x0000FFFF0000FFFF;
                x = (x * 10000) + (x >> 32);
                long mantissa = (uint)x;
                value = number.Fraction > 0 ? mantissa / ExactPowersOfTen.Values[number.Fraction] : mantissa;
            }
            else if (!PlainDecimal.TryParseLeading(text[number.Start..], out value, out var read) || read != number.Length)
            {
                return false;
            }

            if (number.Negative && number.InWord)
            {
                value = -value;
            }

            ref var field = ref fields[number.Field];
            if (number.IsAverage)
            {
                field.Average = value;
            }
            else
            {
                field.Value = value;
                field.HasAverage = number.FieldHasAverage;
            }
        }

        if (_etaField >= 0)
        {
            if (!Timedelta.TryReadClock(text[_etaStart..], out var seconds, out var clock) || clock != _etaLength)
            {
                return false;
            }

            fields[_etaField].Value = seconds;
            eta = seconds;
        }

        return true;
    }

    private bool Add(ReadOnlySpan<byte> text, int field, bool isAverage, int pos, out int length)
    {
        var negative = pos < text.Length && text[pos] == (byte)'-';
        if (!PlainDecimal.TryParseLeading(text[pos..], out _, out length))
        {
            return false;
        }

        var start = negative ? pos + 1 : pos;
        var bytes = pos + length - start;
        var dot = text.Slice(start, bytes).IndexOf((byte)'.');
        var fraction = dot < 0 ? 0 : bytes - dot - 1;
        if (_numberCount == _numbers.Length)
        {
            Array.Resize(ref _numbers, _numbers.Length * 2);
        }

        ref var number = ref _numbers[_numberCount++];
        number = new Number
        {
            Field = field,
            IsAverage = isAverage,
            FieldHasAverage = !isAverage && text[(pos + length)..].StartsWith(" ("u8),
            Negative = negative,
            Fraction = fraction,
        };
        if (bytes <= WordBytes && start + bytes >= WordBytes && dot != bytes - 1)
        {
            // In the word that ends with the number, its bytes are the top `bytes`; the dot (if any) is at `top + dot`.
            var top = WordBytes - bytes;
            number.InWord = true;
            number.Start = start;
            number.Length = bytes;
            if (dot < 0)
            {
                number.FractionMask = ~0UL << (top * 8);
                number.WholeMask = 0;
            }
            else
            {
                var dotByte = top + dot;
                number.FractionMask = ~0UL << ((dotByte + 1) * 8);
                number.WholeMask = (~0UL << (top * 8)) & ((1UL << (dotByte * 8)) - 1);
                number.DotShift = 8;
            }
        }
        else
        {
            // Read the general way at a known place, the sign included.
            number.Start = pos;
            number.Length = length;
        }

        Mark(text, start, bytes);
        return true;
    }

    private void Mark(ReadOnlySpan<byte> text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if ((uint)(text[i] - '0') <= 9)
            {
                _digits[i] = 0xFF;
            }
        }
    }

    /// <summary>Whether every unmarked byte is the learned one and every marked byte a digit.</summary>
    private bool SameBytesAndDigits(ReadOnlySpan<byte> text)
    {
        ref var line = ref MemoryMarshal.GetReference(text);
        ref var learned = ref MemoryMarshal.GetArrayDataReference(_bytes);
        ref var digits = ref MemoryMarshal.GetArrayDataReference(_digits);
        var length = (nuint)text.Length;
        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<byte>.Count)
        {
            var last = length - (nuint)Vector256<byte>.Count;
            for (nuint i = 0; ; i += (nuint)Vector256<byte>.Count)
            {
                // The last block overlaps the one before it, so no byte is left for a scalar tail.
                var at = Math.Min(i, last);
                if (!Fits(Vector256.LoadUnsafe(ref line, at), Vector256.LoadUnsafe(ref learned, at), Vector256.LoadUnsafe(ref digits, at)))
                {
                    return false;
                }

                if (at == last)
                {
                    return true;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<byte>.Count)
        {
            var last = length - (nuint)Vector128<byte>.Count;
            for (nuint i = 0; ; i += (nuint)Vector128<byte>.Count)
            {
                var at = Math.Min(i, last);
                if (!Fits(Vector128.LoadUnsafe(ref line, at), Vector128.LoadUnsafe(ref learned, at), Vector128.LoadUnsafe(ref digits, at)))
                {
                    return false;
                }

                if (at == last)
                {
                    return true;
                }
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (_digits[i] != 0 ? (uint)(text[i] - '0') > 9 : text[i] != _bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    // One per vector width: the generic vector interface is not public.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fits(Vector256<byte> line, Vector256<byte> learned, Vector256<byte> digits)
    {
        var isDigit = Vector256.LessThan(line - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
        return (Vector256.AndNot(line ^ learned, digits) | Vector256.AndNot(digits, isDigit)) == Vector256<byte>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fits(Vector128<byte> line, Vector128<byte> learned, Vector128<byte> digits)
    {
        var isDigit = Vector128.LessThan(line - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
        return (Vector128.AndNot(line ^ learned, digits) | Vector128.AndNot(digits, isDigit)) == Vector128<byte>.Zero;
    }

    /// <summary>Where a number of the learned line sits and how its digits fold into a mantissa.</summary>
    private struct Number
    {
        public int Field;
        public bool IsAverage;
        public bool FieldHasAverage;
        public bool Negative;

        /// <summary>Parsed from the word ending with it (else the general way, its length checked).</summary>
        public bool InWord;
        public int Start;
        public int Length;
        public int Fraction;
        public ulong FractionMask;
        public ulong WholeMask;
        public int DotShift;
    }
}
