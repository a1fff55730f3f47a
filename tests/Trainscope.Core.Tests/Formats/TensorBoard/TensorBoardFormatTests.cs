using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.TensorBoard;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.TensorBoard;

public class TensorBoardFormatTests
{
    private static readonly TensorBoardFormat Format = new();

    [Theory]
    [InlineData("Loss", Phase.Train)]
    [InlineData("box_loss", Phase.Train)]
    [InlineData("metrics/mAP50-95(B)", Phase.Train)]
    [InlineData("Reward_Mean", Phase.Eval)]
    [InlineData("perf/loss", Phase.Eval)]
    [InlineData("accuracy", Phase.Eval)]
    public void Tags_become_a_name_and_a_phase(string name, Phase phase)
    {
        var (records, _) = EventFiles.Read(EventFiles.Fixture("scalars"));

        records.Metrics.ShouldContain(m => m.Name == name && m.Phase == phase);
    }

    [Fact]
    public void Simple_values_keep_their_step_and_utc_wall_time()
    {
        var (records, _) = EventFiles.Read(EventFiles.Fixture("scalars"));

        var losses = records.Metrics.Where(m => m.Name == "Loss").ToList();
        losses.Select(m => m.Position.Step).ShouldBe([10L, 20L, 30L, 40L, 50L]);
        losses.Take(4).Select(m => m.Value).ShouldBe([2.5, 2.0, 1.5, 1.25]);
        losses[1].Timestamp.ShouldBe(new DateTime(2023, 11, 14, 22, 13, 40, 250, DateTimeKind.Utc));
        losses[1].Timestamp!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        losses[1].Line.ShouldBe(4);
        losses[1].Offset.ShouldBe(168);
    }

    [Fact]
    public void A_non_finite_scalar_is_kept_as_a_value()
        => EventFiles.Read(EventFiles.Fixture("scalars")).Records.Metrics.Where(m => m.Name == "Loss").Last().Value.ShouldBe(double.NaN);

    [Fact]
    public void Several_values_in_one_event_all_become_samples()
    {
        var (records, _) = EventFiles.Read(EventFiles.Fixture("scalars"));

        records.Values("box_loss").ShouldBe([1.25, 1.0, 0.75, 0.625]);
        records.Values("metrics/mAP50-95(B)").Select(v => Math.Round(v, 6)).ShouldBe([0.1, 0.2, 0.3, 0.4]);
    }

    [Fact]
    public void Tf2_tensor_scalars_are_read_from_float_val_tensor_content_double_val_and_int64_val()
    {
        var (records, _) = EventFiles.Read(EventFiles.Fixture("scalars"));

        records.Values("accuracy", Phase.Eval).ShouldBe([0.625, 0.875, 0.9375]);
        records.Values("tokens").ShouldBe([123456789012.0]);
    }

    [Fact]
    public void Images_histograms_text_graphs_and_vectors_are_counted_not_errors()
    {
        var (records, result) = EventFiles.Read(EventFiles.Fixture("scalars"));

        result.ShouldBe(new FileReadResult(17, 5, 0));
        records.Metrics.ShouldNotContain(m => m.Name == "samples" || m.Name == "weights" || m.Name == "notes" || m.Name == "pair");
    }

    [Fact]
    public void The_file_version_header_becomes_run_info()
    {
        var (records, _) = EventFiles.Read(EventFiles.Fixture("scalars"));

        var header = records.Events.ShouldHaveSingleItem();
        header.Kind.ShouldBe(EventKind.RunInfo);
        header.Name.ShouldBe("file_version");
        header.Text.ShouldBe("brain.Event:2");
        header.Line.ShouldBe(1);
    }

    [Theory]
    [InlineData("bad-data-crc", 16, 1, "record 4 at byte 168: data CRC mismatch")]
    [InlineData("bad-length-crc", 16, 1, "unreadable bytes at byte 296")]
    [InlineData("junk-between", 17, 1, "45 unreadable bytes at byte 168")]
    [InlineData("junk-appended", 17, 1, "45 unreadable bytes at byte 1266")]
    [InlineData("truncated", 16, 1, "truncated record at byte")]
    [InlineData("huge-length", 2, 1, "stopped reading")]
    public void Corrupt_parts_are_counted_with_their_byte_offset_and_the_rest_is_read(string variant, long records, long skipped, string problem)
    {
        var (_, result) = EventFiles.Read(EventFiles.Fixture(variant));

        result.Records.ShouldBe(records);
        result.Skipped.ShouldBe(skipped);
        result.Problem.ShouldNotBeNull().ShouldContain(problem);
    }

    [Fact]
    public void A_git_lfs_pointer_is_a_clear_problem_not_a_crash()
    {
        var (records, result) = EventFiles.Read(EventFiles.Fixture("lfs-pointer"));

        result.Records.ShouldBe(0);
        result.Problem.ShouldNotBeNull().ShouldContain("Git LFS pointer");
        records.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Random_byte_damage_never_throws_and_never_invents_more_records()
    {
        var clean = EventFiles.Written(40);
        var random = new Random(20260101);
        for (var trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])clean.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var (records, result) = EventFiles.Read(bytes, seekable: trial % 2 == 0);
            (result.Records + result.Unparsed).ShouldBeLessThanOrEqualTo(41);
            records.Metrics.Count.ShouldBeLessThanOrEqualTo(40);
        }
    }

    [Fact]
    public void Sniffing_knows_the_file_name_and_a_valid_first_record()
    {
        var bytes = EventFiles.Fixture("scalars");

        Format.Sniff(new FileSample("events.out.tfevents.1716409326.host.1.0", bytes, true)).ShouldBe(1);
        Format.Sniff(new FileSample("renamed.bin", bytes, true)).ShouldBeGreaterThanOrEqualTo(0.5);
        Format.Sniff(new FileSample("renamed.bin", bytes.AsMemory(0, 30), false)).ShouldBeGreaterThanOrEqualTo(0.5);
        Format.Sniff(new FileSample("train.log", Encoding.UTF8.GetBytes("epoch 1 loss 0.5\nepoch 2 loss 0.4\n"), true)).ShouldBe(0);
        Format.Sniff(new FileSample("renamed.bin", EventFiles.Fixture("bad-length-crc").AsMemory(0, 200), false)).ShouldBeGreaterThanOrEqualTo(0.5);
    }
}
