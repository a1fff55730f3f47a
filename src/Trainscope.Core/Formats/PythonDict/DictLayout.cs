using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.PythonDict;

/// <summary>
/// The fixed text of a dict line — braces, quoted keys, colons, commas and spaces — with numeric values in between.
/// The Trainer prints the same keys in the same order on every line, so a line that repeats the text around its
/// values needs only its values read; what the keys mean (names, phases, which is the epoch) is worked out once.
/// </summary>
internal sealed class DictLayout
{
    private const int MaxSlots = 64;
    private readonly byte[] _text;
    private readonly int[] _literalEnds;

    /// <summary>
    /// The line's metrics in slot order, the cells of a row of <see cref="_layout"/>; a read writes only these numbers.
    /// The epoch, which is no metric, takes the one cell past them, so every slot's value goes to <see cref="_targets"/>' index.
    /// </summary>
    private readonly double[] _cells;
    private readonly ValueLayout? _layout;
    private readonly int[] _targets;
    private readonly int _metricCount;
    private readonly int _epochSlot;
    private readonly int _runtimeSlot;
    private bool _epochIntegral;

    private DictLayout(byte[] text, int[] literalEnds, string?[] names, Phase[] phases, int epochSlot, int runtimeSlot, bool isTraining)
    {
        _text = text;
        _literalEnds = literalEnds;
        _cells = new double[names.Length];
        _targets = new int[names.Length];
        var metrics = new List<MetricValue>(names.Length);
        for (var slot = 0; slot < names.Length; slot++)
        {
            if (names[slot] is { } name)
            {
                _targets[slot] = _metricCount++;
                metrics.Add(new MetricValue(name, phases[slot], 0));
            }
        }

        if (metrics.Count > 0)
        {
            _layout = new ValueLayout(CollectionsMarshal.AsSpan(metrics), new bool[metrics.Count]);
        }

        if (epochSlot >= 0)
        {
            _targets[epochSlot] = _metricCount;
        }

        _epochSlot = epochSlot;
        _runtimeSlot = runtimeSlot;
        IsTraining = isTraining;
    }

    /// <summary>The general reader would pass this record's position to the restart check.</summary>
    public bool IsTraining { get; }

    /// <summary>HF's end-of-training summary (`train_runtime`): final values and a completion event.</summary>
    public bool IsSummary => _runtimeSlot >= 0;

    public double Runtime => _cells[_targets[_runtimeSlot]];

    /// <summary>
    /// The layout of <paramref name="dict"/>, or null when the line holds anything the general reader treats
    /// specially: position keys other than `epoch`, facts, text, lists, `None`, `tensor(…)`, escapes.
    /// </summary>
    public static DictLayout? TryCreate(ReadOnlySpan<byte> dict, NameTable names)
    {
        var literals = new List<int>();
        var keys = new List<(int Start, int Length)>();
        var i = 1;
        var literalStart = 0;
        var text = new List<byte>();
        while (true)
        {
            var j = SpanFields.SkipSpaces(dict, i);
            if (j >= dict.Length)
            {
                return null;
            }

            if (dict[j] == (byte)'}')
            {
                if (keys.Count == 0 || j != dict.Length - 1)
                {
                    return null;
                }

                text.AddRange(dict[literalStart..]);
                literals.Add(text.Count);
                return Create(text.ToArray(), literals.ToArray(), keys, dict, names);
            }

            var quote = dict[j];
            if (quote is not ((byte)'\'' or (byte)'"') || keys.Count == MaxSlots)
            {
                return null;
            }

            var close = dict[(j + 1)..].IndexOfAny(quote, (byte)'\\');
            if (close < 0 || dict[j + 1 + close] != quote)
            {
                return null;
            }

            keys.Add((j + 1, close));
            j = SpanFields.SkipSpaces(dict, j + close + 2);
            if (j >= dict.Length || dict[j] != (byte)':')
            {
                return null;
            }

            j = SpanFields.SkipSpaces(dict, j + 1);
            var valueEnd = ValueEnd(dict, j);
            if (valueEnd == j || !DictNumber.TryParse(dict[j..valueEnd], out _))
            {
                return null;
            }

            text.AddRange(dict[literalStart..j]);
            literals.Add(text.Count);
            literalStart = valueEnd;
            j = SpanFields.SkipSpaces(dict, valueEnd);
            if (j < dict.Length && dict[j] == (byte)',')
            {
                i = j + 1;
            }
            else if (j < dict.Length && dict[j] == (byte)'}')
            {
                i = j;
            }
            else
            {
                return null;
            }
        }
    }

    /// <summary>Reads the values of a line with this layout; false when the text around them differs or one is no number.</summary>
    /// <remarks>
    /// Each value is read in the pass that finds its end; only a value that is no plain number, or that the bytes
    /// after it show to go on, takes the scan for its end and the full parse.
    /// </remarks>
    public bool TryRead(ReadOnlySpan<byte> dict)
    {
        var text = _text.AsSpan();
        var literalEnds = _literalEnds;
        var targets = _targets;
        var values = _cells;
        var at = 0;
        var literalStart = 0;
        for (var slot = 0; slot < targets.Length; slot++)
        {
            var literalEnd = literalEnds[slot];
            if (!SameBytes(dict, at, text[literalStart..literalEnd]))
            {
                return false;
            }

            at += literalEnd - literalStart;
            literalStart = literalEnd;
            if (!DictNumber.TryReadPlain(dict, at, out var value, out var end, out var integral) || (end < dict.Length && IsValueByte(dict[end])))
            {
                end = ValueEnd(dict, at);
                var token = dict[at..end];
                if (token.IsEmpty || !DictNumber.TryParse(token, out value))
                {
                    return false;
                }

                integral = token.IndexOfAny(".eEnNiI"u8) < 0;
            }

            values[targets[slot]] = value;
            if (slot == _epochSlot)
            {
                _epochIntegral = integral;
            }

            at = end;
        }

        var rest = text[literalStart..];
        return dict.Length - at == rest.Length && SameBytes(dict, at, rest);
    }

    /// <summary>The record's position as the general reader derives it from `epoch` (nothing else positions a layout line).</summary>
    public Position Position(long? plannedSteps, int? plannedEpochs)
    {
        var position = default(Position);
        if (_epochSlot >= 0)
        {
            var value = _cells[_targets[_epochSlot]];
            if (_epochIntegral && value is >= 0 and <= int.MaxValue)
            {
                position.Epoch = (int)value;
            }
            else if (value is >= 0 and <= int.MaxValue)
            {
                position.EpochFraction = value;
            }
        }

        position.Steps ??= plannedSteps;
        position.Epochs ??= plannedEpochs;
        return position;
    }

    public void Emit(ref MetricSample sample, IRecordSink sink)
    {
        sample.Kind = IsSummary ? SampleKind.Final : SampleKind.Point;
        if (_layout is { } layout)
        {
            sink.OnRow(sample, layout, _cells.AsSpan(0, _metricCount));
        }
    }

    /// <summary>Where a bare value ends; its bytes can never be part of the text around values, so the split is unambiguous.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> dict, int i)
    {
        while (i < dict.Length && IsValueByte(dict[i]))
        {
            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // checked after every value of every line
    private static bool IsValueByte(byte b)
        => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a' || b is (byte)'.' or (byte)'-' or (byte)'+' or (byte)'_';

    /// <summary>
    /// Whether <paramref name="literal"/> is at <paramref name="at"/>: word by word, the last word overlapping the one
    /// before, since the text around values is a few to a few dozen bytes and a call to SequenceEqual costs as much.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // twice in the read's loop; the ahead-of-time build left it a call
    private static bool SameBytes(ReadOnlySpan<byte> dict, int at, ReadOnlySpan<byte> literal)
    {
        if ((uint)at > (uint)dict.Length || literal.Length > dict.Length - at)
        {
            return false;
        }

        var actual = dict.Slice(at, literal.Length);
        var n = literal.Length;
        if (n < sizeof(ulong))
        {
            for (var k = 0; k < n; k++)
            {
                if (actual[k] != literal[k])
                {
                    return false;
                }
            }

            return true;
        }

        var last = n - sizeof(ulong);
        for (var k = 0; k < last; k += sizeof(ulong))
        {
            if (MemoryMarshal.Read<ulong>(actual[k..]) != MemoryMarshal.Read<ulong>(literal[k..]))
            {
                return false;
            }
        }

        return MemoryMarshal.Read<ulong>(actual[last..]) == MemoryMarshal.Read<ulong>(literal[last..]);
    }

    private static DictLayout? Create(byte[] text, int[] literalEnds, List<(int Start, int Length)> keys, ReadOnlySpan<byte> dict, NameTable names)
    {
        var metricNames = new string?[keys.Count];
        var phases = new Phase[keys.Count];
        var explicitPhase = new bool[keys.Count];
        var epochSlot = -1;
        var runtimeSlot = -1;
        var evaluatorKeys = false;
        var unprefixedLoss = false;
        var hasTrainLoss = false;
        for (var slot = 0; slot < keys.Count; slot++)
        {
            var key = dict.Slice(keys[slot].Start, keys[slot].Length);
            switch (RecordKeys.Classify(key))
            {
                case KeyRole.Epoch when epochSlot < 0:
                    epochSlot = slot;
                    continue;
                case KeyRole.Metric:
                    break;
                default:
                    return null;
            }

            if (RecordKeys.MarksSummary(key))
            {
                runtimeSlot = slot;
            }

            // The same naming and phase rules as LoggedRecord's, decided once per layout instead of once per value.
            var phase = Phase.Test;
            var rest = key.StartsWith("predict_"u8) && key.Length > 8 ? key[8..] : MetricNaming.SplitPhase(key, Phase.Train, out phase);
            var prefixed = rest.Length != key.Length;
            if (!prefixed)
            {
                evaluatorKeys |= rest.IndexOf((byte)'/') > 0;
                unprefixedLoss |= rest.IndexOf("loss"u8) >= 0;
            }

            hasTrainLoss |= (!prefixed || phase == Phase.Train) && rest.IndexOf("loss"u8) >= 0;
            metricNames[slot] = names.Get(rest);
            phases[slot] = phase;
            explicitPhase[slot] = prefixed;
        }

        var defaultPhase = evaluatorKeys && !unprefixedLoss ? Phase.Eval : Phase.Train;
        for (var slot = 0; slot < keys.Count; slot++)
        {
            if (!explicitPhase[slot])
            {
                phases[slot] = defaultPhase;
            }
        }

        var isTraining = defaultPhase == Phase.Train && hasTrainLoss && runtimeSlot < 0;
        return new DictLayout(text, literalEnds, metricNames, phases, epochSlot, runtimeSlot, isTraining);
    }
}
