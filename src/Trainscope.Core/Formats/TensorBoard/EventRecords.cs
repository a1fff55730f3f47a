using Google.Protobuf;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;

namespace Trainscope.Formats.TensorBoard;

/// <summary>Turns one event payload into records: scalars become metric samples, the file-version header run info.</summary>
internal sealed class EventRecords
{
    private const string ScalarsPlugin = "scalars";
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
        Event e;
        try
        {
            e = Event.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return EventOutcome.NotAnEvent;
        }

        var time = WallTime(e.WallTime);
        switch (e.WhatCase)
        {
            case Event.WhatOneofCase.FileVersion:
                _sink.OnEvent(new LogEvent
                {
                    Kind = EventKind.RunInfo,
                    Source = _source,
                    Line = ordinal,
                    Offset = offset,
                    Rank = _source.Rank,
                    Timestamp = time,
                    Name = "file_version",
                    Text = e.FileVersion.Length > 200 ? e.FileVersion[..200] : e.FileVersion,
                });
                return EventOutcome.Records;
            case Event.WhatOneofCase.Summary:
                return ReadSummary(e.Summary, e.Step, time, ordinal, offset) ? EventOutcome.Records : EventOutcome.NothingOfUse;
            default:
                return EventOutcome.NothingOfUse;
        }
    }

    private bool ReadSummary(Summary summary, long step, DateTime? time, long ordinal, long offset)
    {
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
        var any = false;
        foreach (var value in summary.Value)
        {
            if (value.Metadata?.PluginData is { } plugin)
            {
                _tags.SetPlugin(value.Tag, plugin.PluginName);
            }

            if (!TryScalar(value, out var number))
            {
                OtherValues++;
                continue;
            }

            var tag = _tags.Get(value.Tag);
            sample.Name = tag.Name;
            sample.Phase = tag.Phase;
            sample.Value = number;
            _sink.OnMetric(sample);
            any = true;
        }

        return any;
    }

    private bool TryScalar(SummaryValue value, out double number)
    {
        number = 0;
        switch (value.ValueCase)
        {
            case SummaryValue.ValueOneofCase.SimpleValue:
                number = value.SimpleValue;
                return true;
            case SummaryValue.ValueOneofCase.Tensor:
                // Text and images are string tensors and histograms have many elements, so TryRead refuses them; a
                // tensor from a plugin we know is not a scalar (hparams, pr_curves) is refused by name.
                var plugin = _tags.Get(value.Tag).Plugin;
                return (plugin.Length == 0 || plugin == ScalarsPlugin) && TensorScalar.TryRead(value.Tensor, out number);
            default:
                return false;
        }
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
