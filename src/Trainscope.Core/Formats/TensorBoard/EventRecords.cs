using Google.Protobuf;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// Turns one `tensorflow.Event` payload into records: scalars become metric samples, the file-version header run info.
/// The event, summary and value messages are walked straight from the bytes (no objects per event); only tensors go
/// through the generated <see cref="TensorProto"/> parser.
/// </summary>
internal sealed class EventRecords
{
    // Field numbers from TensorFlow's event.proto and summary.proto (see tensorboard_event.proto).
    private const int WallTimeField = 1, StepField = 2, FileVersionField = 3, SummaryField = 5;
    private const int ValueField = 1;

    private readonly SourceInfo _source;
    private readonly IRecordSink _sink;
    private readonly TagNames _tags = new();

    public EventRecords(SourceInfo source, IRecordSink sink)
    {
        _source = source;
        _sink = sink;
    }

    /// <summary>Values that were not scalars (images, histograms, text, audio, other plugins).</summary>
    public long OtherValues { get; private set; }

    /// <summary>What one payload gave: records, nothing of use, or bytes that are not an event.</summary>
    public EventOutcome Read(ReadOnlySpan<byte> payload, long ordinal, long offset)
    {
        var reader = new ProtoReader(payload);
        double wallTime = 0;
        long step = 0;
        ReadOnlySpan<byte> fileVersion = default, summary = default;
        var what = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadKey(out var field, out var wire))
            {
                return EventOutcome.NotAnEvent;
            }

            var ok = (field, wire) switch
            {
                (WallTimeField, ProtoReader.Fixed64) => ReadDouble(ref reader, out wallTime),
                (StepField, ProtoReader.Varint) => ReadInt64(ref reader, out step),
                (FileVersionField, ProtoReader.LengthDelimited) => reader.TryReadBytes(out fileVersion),
                (SummaryField, ProtoReader.LengthDelimited) => reader.TryReadBytes(out summary),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return EventOutcome.NotAnEvent;
            }

            // `what` is a oneof: the last member in the bytes wins, as the generated parser decides. (Two summary
            // fields would be merged by protobuf; no writer emits that, and we read the last.)
            what = (field, wire) is (>= FileVersionField and <= 9, ProtoReader.LengthDelimited) ? field : what;
        }

        var time = WallTime(wallTime);
        switch (what)
        {
            case FileVersionField:
                EmitFileVersion(fileVersion, time, ordinal, offset);
                return EventOutcome.Records;
            case SummaryField:
                // Check the whole summary first, so a malformed one gives no samples at all.
                if (!ReadSummary(summary, step, time, ordinal, offset, emit: false, out _))
                {
                    return EventOutcome.NotAnEvent;
                }

                ReadSummary(summary, step, time, ordinal, offset, emit: true, out var scalars);
                return scalars > 0 ? EventOutcome.Records : EventOutcome.NothingOfUse;
            default:
                return EventOutcome.NothingOfUse;
        }
    }

    private bool ReadSummary(ReadOnlySpan<byte> summary, long step, DateTime? time, long ordinal, long offset, bool emit, out int scalars)
    {
        scalars = 0;
        var sample = new MetricSample
        {
            Source = _source,
            Rank = _source.Rank,
            Line = ordinal,
            Offset = offset,
            Timestamp = time,
            Position = new Position { Step = step },
            Kind = SampleKind.Point,
        };
        var reader = new ProtoReader(summary);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadKey(out var field, out var wire))
            {
                return false;
            }

            if ((field, wire) != (ValueField, ProtoReader.LengthDelimited))
            {
                if (!reader.TrySkip(wire))
                {
                    return false;
                }

                continue;
            }

            if (!reader.TryReadBytes(out var value) || !ReadValue(value, emit, out var tag, out var number, out var isScalar))
            {
                return false;
            }

            if (!emit)
            {
                continue;
            }

            if (!isScalar)
            {
                OtherValues++;
                continue;
            }

            var name = _tags.Get(tag);
            sample.Name = name.Name;
            sample.Phase = name.Phase;
            sample.Value = number;
            _sink.OnMetric(sample);
            scalars++;
        }

        return true;
    }

    private bool ReadValue(ReadOnlySpan<byte> value, bool emit, out ReadOnlySpan<byte> tag, out double number, out bool isScalar)
    {
        number = 0;
        isScalar = false;
        if (!ValueFields.TryRead(value, out var fields))
        {
            tag = default;
            return false;
        }

        tag = fields.Tag;
        if (!emit)
        {
            return true;
        }

        if (fields.Plugin.Length > 0)
        {
            _tags.SetPlugin(fields.Tag, fields.Plugin);
        }

        switch (fields.Kind)
        {
            case ValueFields.SimpleValueField:
                number = fields.SimpleValue;
                isScalar = true;
                break;
            case ValueFields.TensorField:
                isScalar = TryTensorScalar(fields.Tag, fields.Tensor, out number);
                break;
        }

        return true;
    }

    private bool TryTensorScalar(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> bytes, out double number)
    {
        number = 0;

        // Text and images are string tensors and histograms have many elements, so TryRead refuses them; a tensor from
        // a plugin that is not `scalars` (hparams, pr_curves) is refused by name.
        var plugin = _tags.Get(tag).Plugin;
        if (plugin.Length > 0 && plugin != "scalars")
        {
            return false;
        }

        TensorProto tensor;
        try
        {
            tensor = TensorProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }

        return TensorScalar.TryRead(tensor, out number);
    }

    private void EmitFileVersion(ReadOnlySpan<byte> fileVersion, DateTime? time, long ordinal, long offset)
    {
        var text = System.Text.Encoding.UTF8.GetString(fileVersion.Length > 200 ? fileVersion[..200] : fileVersion);
        _sink.OnEvent(new LogEvent
        {
            Kind = EventKind.RunInfo,
            Source = _source,
            Line = ordinal,
            Offset = offset,
            Rank = _source.Rank,
            Timestamp = time,
            Name = "file_version",
            Text = text,
        });
    }

    private static bool ReadDouble(ref ProtoReader reader, out double value)
    {
        var ok = reader.TryReadFixed64(out var bits);
        value = BitConverter.UInt64BitsToDouble(bits);
        return ok;
    }

    private static bool ReadInt64(ref ProtoReader reader, out long value)
    {
        var ok = reader.TryReadVarint(out var raw);
        value = (long)raw;
        return ok;
    }

    private static DateTime? WallTime(double seconds)
    {
        // Seconds since the Unix epoch, UTC; anything before 1971 or past 9999 is not a real write time.
        if (!double.IsFinite(seconds) || seconds < 365 * 86400.0 || seconds > 253_402_300_799.0)
        {
            return null;
        }

        return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}

/// <summary>What one event payload gave.</summary>
internal enum EventOutcome : byte
{
    Records,
    NothingOfUse,
    NotAnEvent,
}
