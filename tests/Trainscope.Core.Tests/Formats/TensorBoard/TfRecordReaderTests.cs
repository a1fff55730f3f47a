using Trainscope.Formats.TensorBoard;

namespace Trainscope.Tests.Formats.TensorBoard;

public class TfRecordReaderTests
{
    [Fact]
    public void A_clean_file_gives_every_record_then_the_end()
    {
        var statuses = Statuses(EventFiles.Fixture("scalars"));

        statuses.Count(s => s == TfRecordStatus.Record).ShouldBe(22);
        statuses[^1].ShouldBe(TfRecordStatus.End);
        statuses.Count.ShouldBe(23);
    }

    [Fact]
    public void A_flipped_data_crc_skips_that_record_and_reading_goes_on()
    {
        var statuses = Statuses(EventFiles.Fixture("bad-data-crc"));

        statuses[3].ShouldBe(TfRecordStatus.BadDataCrc);
        statuses.Count(s => s == TfRecordStatus.Record).ShouldBe(21);
    }

    [Fact]
    public void A_flipped_length_crc_skips_to_the_next_record_header()
    {
        var reader = new TfRecordReader(new MemoryStream(EventFiles.Fixture("bad-length-crc")));
        var statuses = new List<TfRecordStatus>();
        long garbageAt = -1, garbageBytes = 0;
        for (var status = reader.Next(out _); status != TfRecordStatus.End; status = reader.Next(out _))
        {
            statuses.Add(status);
            if (status == TfRecordStatus.Garbage)
            {
                (garbageAt, garbageBytes) = (reader.RecordOffset, reader.SkippedBytes);
            }
        }

        statuses[5].ShouldBe(TfRecordStatus.Garbage);
        statuses.Count(s => s == TfRecordStatus.Record).ShouldBe(21);
        garbageAt.ShouldBe(296);
        garbageBytes.ShouldBe(Framed(EventFiles.Fixture("scalars"), 5));
    }

    [Fact]
    public void Junk_between_records_is_skipped_and_reading_resumes_at_the_next_record()
    {
        var statuses = Statuses(EventFiles.Fixture("junk-between"));

        statuses[3].ShouldBe(TfRecordStatus.Garbage);
        statuses.Count(s => s == TfRecordStatus.Record).ShouldBe(22);
    }

    [Fact]
    public void Junk_after_the_last_record_is_one_skipped_stretch()
    {
        var statuses = Statuses(EventFiles.Fixture("junk-appended"));

        statuses.Count(s => s == TfRecordStatus.Record).ShouldBe(22);
        statuses.Count(s => s is TfRecordStatus.Garbage or TfRecordStatus.Truncated).ShouldBe(1);
    }

    [Fact]
    public void A_cut_last_record_is_truncated_at_its_offset()
    {
        var bytes = EventFiles.Fixture("truncated");
        var reader = new TfRecordReader(new MemoryStream(bytes));
        var records = 0;
        TfRecordStatus status;
        while ((status = reader.Next(out _)) == TfRecordStatus.Record)
        {
            records++;
        }

        status.ShouldBe(TfRecordStatus.Truncated);
        records.ShouldBe(21);
        (reader.RecordOffset + reader.SkippedBytes).ShouldBe(bytes.Length);
        reader.Next(out _).ShouldBe(TfRecordStatus.End);
    }

    [Fact]
    public void A_huge_declared_length_stops_reading_without_buffering_it()
    {
        var reader = new TfRecordReader(new MemoryStream(EventFiles.Fixture("huge-length")));
        reader.Next(out _).ShouldBe(TfRecordStatus.Record);
        reader.Next(out _).ShouldBe(TfRecordStatus.Record);

        reader.Next(out _).ShouldBe(TfRecordStatus.TooLarge);
        reader.DeclaredLength.ShouldBe(1UL << 40);
        reader.Next(out _).ShouldBe(TfRecordStatus.End);
    }

    [Fact]
    public void A_record_larger_than_the_buffer_is_read_whole()
    {
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        using var stream = new MemoryStream();
        new Trainscope.Reporting.TfRecordWriter(stream).Write(payload);
        stream.Position = 0;

        var reader = new TfRecordReader(stream, bufferBytes: 64);
        reader.Next(out var data).ShouldBe(TfRecordStatus.Record);
        data.ToArray().ShouldBe(payload);
    }

    [Fact]
    public void A_long_file_streams_through_the_initial_buffer()
    {
        var bytes = EventFiles.Written(60_000);
        bytes.Length.ShouldBeGreaterThan(2_000_000);
        var reader = new TfRecordReader(new EventFiles.ForwardOnlyStream(bytes));
        var records = 0;
        while (reader.Next(out _) == TfRecordStatus.Record)
        {
            records++;
        }

        records.ShouldBe(60_001);
        reader.BufferCapacity.ShouldBe(64 * 1024);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cutting_the_file_at_every_offset_keeps_the_whole_records_before_the_cut(bool seekable)
    {
        var bytes = EventFiles.Written(12);
        var ends = RecordEnds(bytes);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var (records, result) = EventFiles.Read(bytes[..cut], seekable);

            var whole = ends.Count(end => end <= cut);
            (result.Records + result.Unparsed).ShouldBe(whole, $"cut at {cut}");
            var cutInside = !ends.Contains(cut) && cut > 0;
            result.Skipped.ShouldBe(cutInside ? 1 : 0, $"cut at {cut}");
            (result.Problem is not null).ShouldBe(cutInside, $"cut at {cut}");
            records.Metrics.Count.ShouldBe(Math.Max(0, whole - 1), $"cut at {cut}");
        }
    }

    private static List<TfRecordStatus> Statuses(byte[] bytes)
    {
        var reader = new TfRecordReader(new MemoryStream(bytes));
        var statuses = new List<TfRecordStatus>();
        TfRecordStatus status;
        do
        {
            status = reader.Next(out _);
            statuses.Add(status);
        }
        while (status != TfRecordStatus.End);
        return statuses;
    }

    /// <summary>Length of the framed record at <paramref name="index"/>.</summary>
    private static long Framed(byte[] bytes, int index) => RecordEnds(bytes)[index] - (index == 0 ? 0 : RecordEnds(bytes)[index - 1]);

    private static long[] RecordEnds(byte[] bytes)
    {
        var ends = new List<long>();
        var reader = new TfRecordReader(new MemoryStream(bytes));
        while (reader.Next(out var data) == TfRecordStatus.Record)
        {
            ends.Add(reader.RecordOffset + TfRecordReader.HeaderBytes + data.Length + TfRecordReader.FooterBytes);
        }

        return ends.ToArray();
    }
}
