using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Trainscope.Formats.Text;
using Trainscope.Records;

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
    private double[] _row = new double[64];
    private WordGroup[] _groups = new WordGroup[16];
    private int _groupCount;
    private int[] _singles = new int[64];
    private int _singleCount;
    private int _etaField = -1;
    private int _etaStart;
    private int _etaLength;
    private int _length = -1;

    public void Forget() => _length = -1;

    /// <summary>The names of the learned line's values: its numbers, in line order, are the cells of <see cref="Row"/>.</summary>
    public ValueLayout? Layout { get; private set; }

    /// <summary>The numbers of the last line read, in line order (a value, then its average where it has one).</summary>
    public ReadOnlySpan<double> Row => _row.AsSpan(0, _numberCount);

    /// <summary>
    /// Learns <paramref name="text"/>, whose fields the lead reader has just read back exactly. False (nothing kept)
    /// when a value is not a plain decimal at the place the fields say. The layout of its values is
    /// <paramref name="shared"/> when that names the same ones (other templates of the line's family), else a new one.
    /// </summary>
    public bool Learn(ReadOnlySpan<byte> text, ReadOnlySpan<FieldLayout.Field> fields, ValueLayout? shared)
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

        if (_numberCount == 0)
        {
            return false;
        }

        Layout = LayoutOf(fields, shared);
        Plan();
        _length = text.Length;
        return true;
    }

    /// <summary>Whether the line just learned reads back as <paramref name="fields"/> hold it, bit for bit.</summary>
    public bool ReadsBack(ReadOnlySpan<byte> text, ReadOnlySpan<FieldLayout.Field> fields)
    {
        if (!TryRead(text, out var eta))
        {
            return false;
        }

        if (_etaField >= 0 && BitConverter.DoubleToInt64Bits(fields[_etaField].Value) != BitConverter.DoubleToInt64Bits(eta!.Value))
        {
            return false;
        }

        var row = Row;
        for (var j = 0; j < row.Length; j++)
        {
            ref readonly var number = ref _numbers[j];
            ref readonly var field = ref fields[number.Field];
            var general = number.IsAverage ? field.Average : field.Value;
            if (BitConverter.DoubleToInt64Bits(general) != BitConverter.DoubleToInt64Bits(row[j])
                || (!number.IsAverage && number.FieldHasAverage != field.HasAverage))
            {
                return false;
            }
        }

        return true;
    }

    private static ValueLayout LayoutOf(ReadOnlySpan<FieldLayout.Field> fields, ValueLayout? shared)
    {
        // Templates are learned again and again as a family's numbers change widths: the shared layout is checked
        // without allocating, and a new one made only when the names differ.
        if (shared is not null && IsLayoutOf(shared, fields))
        {
            return shared;
        }

        var values = new List<MetricValue>(fields.Length);
        var hasAverage = new List<bool>(fields.Length);
        foreach (ref readonly var field in fields)
        {
            if (!field.IsEta)
            {
                values.Add(new MetricValue(field.Name, field.Phase, 0));
                hasAverage.Add(field.HasAverage);
            }
        }

        var names = CollectionsMarshal.AsSpan(values);
        var averages = CollectionsMarshal.AsSpan(hasAverage);
        return new ValueLayout(names, averages);
    }

    /// <summary>Whether <paramref name="layout"/> names the fields' values (all but `eta`), with averages where they have them.</summary>
    private static bool IsLayoutOf(ValueLayout layout, ReadOnlySpan<FieldLayout.Field> fields)
    {
        var i = 0;
        foreach (ref readonly var field in fields)
        {
            if (!field.IsEta && !layout.Holds(i++, field.Name, field.Phase, field.HasAverage))
            {
                return false;
            }
        }

        return i == layout.Count;
    }

    /// <summary>
    /// Groups runs of four numbers read from their words, which are then read side by side, a vector lane each; the
    /// others are read one by one.
    /// </summary>
    private void Plan()
    {
        if (_row.Length < _numberCount)
        {
            _row = new double[_numbers.Length];
        }

        if (_singles.Length < _numberCount)
        {
            _singles = new int[_numbers.Length];
        }

        (_groupCount, _singleCount) = (0, 0);
        var j = 0;
        while (j < _numberCount)
        {
            if (Vector256.IsHardwareAccelerated && j + WordGroup.Size <= _numberCount && _numbers[j].InWord && _numbers[j + 1].InWord
                && _numbers[j + 2].InWord && _numbers[j + 3].InWord)
            {
                if (_groupCount == _groups.Length)
                {
                    Array.Resize(ref _groups, _groups.Length * 2);
                }

                _groups[_groupCount++] = WordGroup.Of(_numbers.AsSpan(j, WordGroup.Size), j);
                j += WordGroup.Size;
                continue;
            }

            _singles[_singleCount++] = j++;
        }
    }

    /// <summary>
    /// Reads a line laid out byte for byte as the learned one, digits aside, into <see cref="Row"/>; false leaves the
    /// row anywhere and the caller reads the line another way.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> text, out double? eta)
    {
        eta = null;
        if (text.Length != _length || !SameBytesAndDigits(text))
        {
            return false;
        }

        ref var line = ref MemoryMarshal.GetReference(text);
        ref var row = ref MemoryMarshal.GetArrayDataReference(_row);
        foreach (ref readonly var group in _groups.AsSpan(0, _groupCount))
        {
            group.Read(ref line, ref row);
        }

        foreach (var j in _singles.AsSpan(0, _singleCount))
        {
            ref readonly var number = ref _numbers[j];
            double value;
            if (number.InWord)
            {
                var x = BinaryPrimitives.ReadUInt64LittleEndian(text[(number.Start + number.Length - WordBytes)..]) ^ Zeros;
                // Drop the bytes before the number and the dot; the digits then sit at the top of the word with zeros
                // (leading zeros) below, as the fold expects.
                x = (x & number.FractionMask) | ((x & number.WholeMask) << 8);
                x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FF00FF;
                x = ((x * 100) + (x >> 16)) & 0x0000FFFF0000FFFF;
                x = (x * 10000) + (x >> 32);
                long mantissa = (uint)x;
                value = number.Fraction > 0 ? mantissa / ExactPowersOfTen.Values[number.Fraction] : mantissa;
                if (number.Negative)
                {
                    value = -value;
                }
            }
            else if (!PlainDecimal.TryParseLeading(text[number.Start..], out value, out var read) || read != number.Length)
            {
                return false;
            }

            Unsafe.Add(ref row, j) = value;
        }

        if (_etaField >= 0)
        {
            if (!Timedelta.TryReadClock(text[_etaStart..], out var seconds, out var clock) || clock != _etaLength)
            {
                return false;
            }

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
        /// <summary>The digits after the dot, and (moved up by a byte over the dot) those before it; a number without a dot has only the first.</summary>
        public ulong FractionMask;
        public ulong WholeMask;
    }

    /// <summary>Four numbers read from their words at once, a vector lane each, with the folds of the one-by-one read.</summary>
    private struct WordGroup
    {
        public const int Size = 4;
        private const ulong ExponentOf2To52 = 0x4330_0000_0000_0000;

        private int _word0;
        private int _word1;
        private int _word2;
        private int _word3;
        private int _cell;
        private Vector256<ulong> _fractionMask;
        private Vector256<ulong> _wholeMask;
        private Vector256<ulong> _sign;
        private Vector256<double> _divisor;

        public static WordGroup Of(ReadOnlySpan<Number> numbers, int cell)
        {
            static int WordAt(in Number n) => n.Start + n.Length - WordBytes;
            static ulong Sign(in Number n) => n.Negative ? 0x8000_0000_0000_0000 : 0;
            static double Divisor(in Number n) => ExactPowersOfTen.Values[n.Fraction];
            var (a, b, c, d) = (numbers[0], numbers[1], numbers[2], numbers[3]);
            return new WordGroup
            {
                _word0 = WordAt(a), _word1 = WordAt(b), _word2 = WordAt(c), _word3 = WordAt(d),
                _cell = cell,
                _fractionMask = Vector256.Create(a.FractionMask, b.FractionMask, c.FractionMask, d.FractionMask),
                _wholeMask = Vector256.Create(a.WholeMask, b.WholeMask, c.WholeMask, d.WholeMask),
                _sign = Vector256.Create(Sign(a), Sign(b), Sign(c), Sign(d)),
                _divisor = Vector256.Create(Divisor(a), Divisor(b), Divisor(c), Divisor(d)),
            };
        }

        /// <remarks>
        /// The folds are those of the one-by-one read, lane-wise: multiplying a word by 10 (by 100) adds no carry across
        /// 16-bit (32-bit) boundaries, since each holds digits (pairs) that stay below them, so narrower multiplies give
        /// the same bits; the last fold needs only the low 32 bits. The mantissa (below 10^8) becomes a double exactly by
        /// setting the exponent of 2^52 over it, and the division by an exact power of ten rounds as the scalar one does.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Read(ref byte line, ref double row)
        {
            var x = Vector256.Create(
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, _word0)),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, _word1)),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, _word2)),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, _word3)));
            if (!BitConverter.IsLittleEndian)
            {
                x = Vector256.Create(
                    BinaryPrimitives.ReverseEndianness(x[0]), BinaryPrimitives.ReverseEndianness(x[1]),
                    BinaryPrimitives.ReverseEndianness(x[2]), BinaryPrimitives.ReverseEndianness(x[3]));
            }

            x ^= Vector256.Create(Zeros);
            x = (x & _fractionMask) | ((x & _wholeMask) << 8);
            x = ((x.AsUInt16() * (ushort)10).AsUInt64() + (x >> 8)) & Vector256.Create(0x00FF00FF00FF00FFUL);
            x = ((x.AsUInt32() * 100U).AsUInt64() + (x >> 16)) & Vector256.Create(0x0000FFFF0000FFFFUL);
            x = ((x.AsUInt32() * 10000U).AsUInt64() & Vector256.Create(0xFFFF_FFFFUL)) + (x >> 32);
            var mantissa = (x | Vector256.Create(ExponentOf2To52)).AsDouble() - Vector256.Create(4503599627370496.0);
            var value = ((mantissa / _divisor).AsUInt64() ^ _sign).AsDouble();
            value.StoreUnsafe(ref row, (nuint)_cell);
        }
    }
}
