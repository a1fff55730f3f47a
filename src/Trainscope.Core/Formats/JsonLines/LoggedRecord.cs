using System.Buffers.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// The key/value pairs of one logged record (a JSON line, a printed Python dict, a `log_history` entry), collected
/// until the record ends — position keys may come after the metrics (`"epoch"` is DETR's last key) — and then emitted
/// as samples and events. One instance serves one source and keeps what spans records (facts seen, restarts, ETA).
/// </summary>
internal sealed class LoggedRecord
{
    private const int MaxMetrics = 4096;
    private readonly NameTable _names = new();
    private readonly RecordSequence _sequence = new();
    private readonly byte[] _nameScratch = new byte[300];
    // The values go out as they are collected; only the phase of those without a phase prefix waits for the record's
    // end (`"mode"` may come last), so a value is written once and a name reference stored once.
    private MetricValue[] _metrics = new MetricValue[32];
    private bool[] _explicitPhase = new bool[32];
    private Pending[] _facts = new Pending[2];
    private int _count;
    private int _factCount;
    private Position _position;
    private long? _iter;
    private Phase? _mode;
    private double? _eta;
    private DateTime? _timestamp;
    private double? _runtime;
    private bool _hasPositionKey;
    private bool _allPrefixed;
    private bool _evaluatorKeys;
    private bool _unprefixedLoss;
    private bool _hasTrainLoss;
    private bool _summary;

    /// <summary>Total steps and epochs known from elsewhere (a `trainer_state.json`'s `max_steps`), set on every sample.</summary>
    public long? PlannedSteps { get; set; }

    public int? PlannedEpochs { get; set; }

    /// <summary>Whether a record without any position key, holding only phase-prefixed metrics, is an epoch (DETR's `log.txt`).</summary>
    public bool InferEpochs { get; init; }

    public void Begin()
    {
        _count = 0;
        _factCount = 0;
        _position = default;
        _iter = null;
        _mode = null;
        _eta = null;
        _timestamp = null;
        _runtime = null;
        _hasPositionKey = false;
        _allPrefixed = true;
        _evaluatorKeys = false;
        _unprefixedLoss = false;
        _hasTrainLoss = false;
        _summary = false;
    }

    /// <summary>A numeric value; <paramref name="integral"/> says the token had no fraction or exponent (`3`, not `3.0`).</summary>
    public void Number(ReadOnlySpan<byte> key, double value, bool integral)
    {
        var role = RecordKeys.Classify(key);
        if (TryPosition(role, value, integral))
        {
            return;
        }

        if (role == KeyRole.Fact)
        {
            Add(ref _facts, ref _factCount, new Pending(_names.Get(key), Phase.Train, false, value));
            return;
        }

        if (RecordKeys.MarksSummary(key))
        {
            MarkSummary(value);
        }

        AddMetric(key, value, -1);
    }

    /// <summary>As <see cref="Number(ReadOnlySpan{byte}, double, bool)"/>, with the key's meaning worked out beforehand.</summary>
    public void Number(RecordKey key, double value, bool integral)
    {
        if (TryPosition(key.Role, value, integral))
        {
            return;
        }

        if (key.Role == KeyRole.Fact)
        {
            Add(ref _facts, ref _factCount, new Pending(key.Name!, Phase.Train, false, value));
            return;
        }

        if (key.MarksSummary)
        {
            MarkSummary(value);
        }

        AddMetric(key.Metric, key.Name!, value);
    }

    /// <summary>
    /// What <paramref name="key"/> means to a record, so that a key seen on every line is classified, split and
    /// interned once. The names are those the span overloads would produce.
    /// </summary>
    public RecordKey Describe(ReadOnlySpan<byte> key)
    {
        var role = RecordKeys.Classify(key);
        var metric = MetricKey.Of(key);
        var name = role switch
        {
            KeyRole.Fact => _names.Get(key),
            KeyRole.Metric => _names.Get(key[metric.RestStart..]),
            _ => null,
        };
        return new RecordKey(key.ToArray(), role, RecordKeys.MarksSummary(key), metric, name);
    }

    /// <summary>One element of a numeric array (`test_coco_eval_bbox`): becomes `coco_eval_bbox[i]`.</summary>
    public void Element(ReadOnlySpan<byte> key, int index, double value)
    {
        if (RecordKeys.Classify(key) == KeyRole.Metric)
        {
            AddMetric(key, value, index);
        }
    }

    /// <summary>As <see cref="Element(ReadOnlySpan{byte}, int, double)"/>, with the key's meaning worked out beforehand.</summary>
    public void Element(RecordKey key, int index, double value)
    {
        if (key.Role == KeyRole.Metric)
        {
            AddMetric(key.Metric, key.ElementName(index, this), value);
        }
    }

    /// <summary>A text value: a phase (`"mode": "val"`), a duration (`"6:48:06"`), or something that is no metric.</summary>
    public void Text(ReadOnlySpan<byte> key, ReadOnlySpan<byte> text)
    {
        var role = RecordKeys.Classify(key);
        if (role == KeyRole.Mode)
        {
            Span<char> word = stackalloc char[Math.Min(text.Length, 16)];
            for (var i = 0; i < word.Length; i++)
            {
                word[i] = (char)text[i];
            }

            _mode = text.Length <= 16 && PhaseNames.TryFromWord(word, out var phase) ? phase : _mode;
            return;
        }

        if (text.Length >= 19 && Timestamps.TryParse(text, out var time, out var length) && length == text.Length)
        {
            _timestamp = time; // `"time": "2024-11-26 22:09:01"`: when the record was written
            return;
        }

        if (!RecordKeys.LooksLikeDuration(text) || !SpanFields.TryParseDuration(text, out var seconds))
        {
            return; // names, paths and flags are not metrics
        }

        if (role == KeyRole.Eta)
        {
            _eta = seconds;
        }
        else if (role == KeyRole.Metric)
        {
            AddMetric(key, seconds, -1);
        }
    }

    /// <summary>Emits the record; returns the number of samples written.</summary>
    public int Emit(RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var position = _position;
        position.Steps ??= PlannedSteps;
        position.Epochs ??= PlannedEpochs;
        if (_iter is long iter && position.Step is null)
        {
            // mmcv's epoch-based `log.json` counts `iter` inside the epoch; mmengine's `scalars.json` (which also
            // writes `step`) and detectron2 count globally.
            if (position.Epoch is not null)
            {
                position.Iteration = iter;
            }
            else
            {
                position.Step = iter;
            }
        }

        if (position.Step is not null && position.Epoch is null && position.EpochFraction is double fraction)
        {
            // With a step for the x axis, the whole epoch groups records into epoch tables. Without one (Trainer dicts
            // on stdout) it is left out: the aggregator would plot every record of an epoch at x = epoch and call the
            // series epoch-based, and progress would read a 0-based epoch with no total.
            position.Epoch = (int)Math.Floor(fraction);
        }

        if (InferEpochs && !_hasPositionKey && _count > 0 && _allPrefixed && !_summary)
        {
            // DETR-R50's `log.txt` has no epoch key: each record holds only `train_*`/`test_*` epoch averages (and
            // `n_parameters`), one record per epoch, so the record's ordinal among such records is the epoch (0-based,
            // as DETR counts).
            position.Epoch = _sequence.NextInferredEpoch();
        }

        var defaultPhase = _mode ?? (_evaluatorKeys && !_unprefixedLoss ? Phase.Eval : Phase.Train);
        origin = origin with { Timestamp = origin.Timestamp ?? _timestamp };
        for (var i = 0; i < _factCount; i++)
        {
            _sequence.Fact(_facts[i].Name, _facts[i].Value, origin, text, sink);
        }

        if (defaultPhase == Phase.Train && _hasTrainLoss && !_summary)
        {
            _sequence.SeeTraining(position, origin, text, sink);
        }

        if (_summary)
        {
            _sequence.Completed(_runtime, position, origin, text, sink);
        }

        var sample = origin.Sample(position, _summary ? SampleKind.Final : SampleKind.Point);
        for (var i = 0; i < _count; i++)
        {
            if (!_explicitPhase[i])
            {
                _metrics[i].Phase = defaultPhase;
            }
        }

        if (_count > 0)
        {
            sink.OnMetrics(sample, _metrics.AsSpan(0, _count));
        }

        _sequence.SeeRecord(_eta, origin, position, sink);
        return _count;
    }

    /// <summary>End of input: the last remaining-time estimate is reported.</summary>
    public void Complete(IRecordSink sink) => _sequence.Complete(sink);

    /// <summary>Where training last was, as far as the records emitted here go.</summary>
    public TrainingPositions LastPositions => _sequence.Last;

    /// <summary>Records from here on are a part of the source read on its own (<see cref="RecordSequence.BeginPart"/>).</summary>
    public void BeginPart() => _sequence.BeginPart();

    /// <summary>Whether the part's records are what reading on from <paramref name="before"/>, last at <paramref name="beforeLast"/>, gives.</summary>
    public bool Continues(LoggedRecord before, in TrainingPositions beforeLast) => _sequence.Continues(before._sequence, beforeLast);

    /// <summary>After <see cref="Continues"/>: carries on from <paramref name="before"/> as if it had read the part.</summary>
    public void Join(LoggedRecord before, in TrainingPositions beforeLast, long renumber) => _sequence.Join(before._sequence, beforeLast, renumber);

    /// <summary>Applies a position, ETA or ignored key; false for facts and metrics.</summary>
    private bool TryPosition(KeyRole role, double value, bool integral)
    {
        switch (role)
        {
            case KeyRole.Epoch:
                _hasPositionKey = true;
                if (integral && value is >= 0 and <= int.MaxValue)
                {
                    _position.Epoch = (int)value;
                }
                else if (value is >= 0 and <= int.MaxValue)
                {
                    _position.EpochFraction = value;
                }

                return true;
            case KeyRole.Epochs:
                _position.Epochs = value is >= 1 and <= int.MaxValue ? (int)value : _position.Epochs;
                return true;
            case KeyRole.Step:
                _hasPositionKey = true;
                _position.Step = AsCount(value) ?? _position.Step;
                return true;
            case KeyRole.Steps:
                _position.Steps = AsCount(value) is long steps && steps > 0 ? steps : _position.Steps;
                return true;
            case KeyRole.Iter:
                _hasPositionKey = true;
                _iter = AsCount(value);
                return true;
            case KeyRole.Eta:
                _eta = double.IsFinite(value) && value >= 0 ? value : _eta;
                return true;
            case KeyRole.Ignored:
            case KeyRole.Mode:
                return true;
            default:
                return false;
        }
    }

    private void MarkSummary(double value)
    {
        _summary = true;
        _runtime = value;
    }

    private void AddMetric(ReadOnlySpan<byte> key, double value, int index)
    {
        var metric = MetricKey.Of(key);
        var rest = key[metric.RestStart..];
        AddMetric(metric, index < 0 ? _names.Get(rest) : ElementName(rest, index), value);
    }

    private void AddMetric(in MetricKey metric, string name, double value)
    {
        if (!metric.Prefixed)
        {
            _allPrefixed = false;
            _evaluatorKeys |= metric.EvaluatorKey;
            _unprefixedLoss |= metric.Loss;
        }

        _hasTrainLoss |= (!metric.Prefixed || metric.Phase == Phase.Train) && metric.Loss;
        if (_count == _metrics.Length)
        {
            if (_count >= MaxMetrics)
            {
                return;
            }

            Array.Resize(ref _metrics, _count * 2);
            Array.Resize(ref _explicitPhase, _count * 2);
        }

        _metrics[_count] = new MetricValue(name, metric.Phase, value);
        _explicitPhase[_count++] = metric.Prefixed;
    }

    /// <summary>The interned `name[index]`.</summary>
    internal string ElementName(ReadOnlySpan<byte> name, int index)
    {
        var scratch = _nameScratch.AsSpan();
        if (name.Length > scratch.Length - 16)
        {
            return _names.Get(name);
        }

        name.CopyTo(scratch);
        var n = name.Length;
        scratch[n++] = (byte)'[';
        Utf8Formatter.TryFormat(index, scratch[n..], out var written);
        n += written;
        scratch[n++] = (byte)']';
        return _names.Get(scratch[..n]);
    }

    private static void Add(ref Pending[] items, ref int count, in Pending item)
    {
        if (count == items.Length)
        {
            if (count >= MaxMetrics)
            {
                return;
            }

            Array.Resize(ref items, count * 2);
        }

        items[count++] = item;
    }

    private static long? AsCount(double value) => value is >= 0 and <= 1e15 ? (long)value : null;

    private readonly record struct Pending(string Name, Phase Phase, bool Explicit, double Value);
}
