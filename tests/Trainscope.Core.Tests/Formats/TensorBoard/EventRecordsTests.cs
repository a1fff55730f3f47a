using System.Text;
using Google.Protobuf;
using Trainscope.Formats.TensorBoard;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.TensorBoard;

/// <summary>The span walker in <see cref="EventRecords"/> checked against the generated protobuf parser as a reference.</summary>
public class EventRecordsTests
{
    private static readonly SourceInfo Source = new(0, "events.out.tfevents.test", "events.out.tfevents.test");

    [Fact]
    public void Every_fixture_event_gives_what_the_generated_parser_reads()
    {
        var payloads = Payloads(EventFiles.Fixture("scalars"));
        payloads.Count.ShouldBe(22);
        foreach (var payload in payloads)
        {
            Ours(payload).ShouldBe(Reference(payload).ShouldNotBeNull());
        }
    }

    [Fact]
    public void Damaged_events_the_generated_parser_accepts_give_the_same_samples_and_none_throw()
    {
        var random = new Random(7);
        var compared = 0;
        foreach (var payload in Payloads(EventFiles.Fixture("scalars")))
        {
            for (var trial = 0; trial < 300; trial++)
            {
                var damaged = payload.ToArray();
                for (var n = random.Next(1, 4); n > 0 && damaged.Length > 0; n--)
                {
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                }

                if (trial % 5 == 0)
                {
                    damaged = damaged[..random.Next(damaged.Length + 1)];
                }

                var ours = Ours(damaged);
                if (Reference(damaged) is { } expected)
                {
                    ours.ShouldBe(expected, $"payload {Convert.ToHexString(damaged)}");
                    compared++;
                }
            }
        }

        compared.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void A_tensor_from_another_plugin_is_not_a_scalar()
    {
        var value = new SummaryValue
        {
            Tag = "hparams",
            Metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = "hparams" } },
            Tensor = new TensorProto { Dtype = DataType.DtFloat, FloatVal = { 1.5f } },
        };
        var e = new Event { Step = 3, Summary = new Summary { Value = { value } } };

        Ours(e.ToByteArray()).ShouldBeEmpty();
    }

    [Fact]
    public void The_plugin_named_by_a_tags_first_value_holds_for_its_later_values()
    {
        var records = new RecordCollector();
        var events = new EventRecords(Source, records);
        var first = new SummaryValue
        {
            Tag = "notes",
            Metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = "custom" } },
            Tensor = new TensorProto { Dtype = DataType.DtFloat, FloatVal = { 1 } },
        };
        var later = new SummaryValue { Tag = "notes", Tensor = new TensorProto { Dtype = DataType.DtFloat, FloatVal = { 2 } } };

        events.Read(new Event { Summary = new Summary { Value = { first } } }.ToByteArray(), 1, 0).ShouldBe(EventOutcome.NothingOfUse);
        events.Read(new Event { Summary = new Summary { Value = { later } } }.ToByteArray(), 2, 0).ShouldBe(EventOutcome.NothingOfUse);
        records.Metrics.ShouldBeEmpty();
        events.OtherValues.ShouldBe(2);
    }

    [Fact]
    public void A_malformed_summary_gives_no_samples_at_all()
    {
        var good = new Event { Step = 1, Summary = new Summary { Value = { new SummaryValue { Tag = "loss", SimpleValue = 1 } } } }.ToByteArray();
        var cut = good[..^2];
        var records = new RecordCollector();

        new EventRecords(Source, records).Read(cut, 1, 0).ShouldBe(EventOutcome.NotAnEvent);
        records.Metrics.ShouldBeEmpty();
    }

    private static List<Sample> Ours(byte[] payload)
    {
        var records = new RecordCollector();
        new EventRecords(Source, records).Read(payload, 1, 0);
        var samples = records.Metrics.Select(m => new Sample(m.Name, m.Phase, m.Value, m.Position.Step ?? -1, m.Timestamp)).ToList();
        samples.AddRange(records.Events.Select(e => new Sample("file_version:" + e.Text, Phase.Train, 0, -1, e.Timestamp)));
        return samples;
    }

    /// <summary>What the generated parser reads from the payload, or null when it refuses it.</summary>
    private static List<Sample>? Reference(byte[] payload)
    {
        Event e;
        try
        {
            e = Event.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var time = e.WallTime is > 365 * 86400.0 and < 253_402_300_799.0 ? DateTime.UnixEpoch.AddTicks((long)(e.WallTime * TimeSpan.TicksPerSecond)) : (DateTime?)null;
        if (e.WhatCase == Event.WhatOneofCase.FileVersion)
        {
            var text = e.FileVersion.Length > 200 ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(e.FileVersion)[..200]) : e.FileVersion;
            return [new Sample("file_version:" + text, Phase.Train, 0, -1, time)];
        }

        var samples = new List<Sample>();
        if (e.WhatCase != Event.WhatOneofCase.Summary)
        {
            return samples;
        }

        var names = new TagNames();
        foreach (var v in e.Summary.Value)
        {
            var plugin = v.Metadata?.PluginData?.PluginName ?? "";
            double number = 0;
            var scalar = v.ValueCase switch
            {
                SummaryValue.ValueOneofCase.SimpleValue => Set(v.SimpleValue, out number),
                SummaryValue.ValueOneofCase.Tensor => (plugin.Length == 0 || plugin == "scalars") && TensorScalar.TryRead(v.Tensor, out number),
                _ => false,
            };
            if (scalar)
            {
                var name = names.Get(Encoding.UTF8.GetBytes(v.Tag));
                samples.Add(new Sample(name.Name, name.Phase, number, e.Step, time));
            }
        }

        return samples;
    }

    private static bool Set(float value, out double number)
    {
        number = value;
        return true;
    }

    private static List<byte[]> Payloads(byte[] file)
    {
        var payloads = new List<byte[]>();
        var reader = new TfRecordReader(new MemoryStream(file));
        while (reader.Next(out var data) == TfRecordStatus.Record)
        {
            payloads.Add(data.ToArray());
        }

        return payloads;
    }

    private sealed record Sample(string Name, Phase Phase, double Value, long Step, DateTime? Time);
}
