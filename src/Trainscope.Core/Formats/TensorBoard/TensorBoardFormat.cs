using System.Buffers.Binary;
using Trainscope.Records;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// TensorBoard event files (`events.out.tfevents.*`): TFRecord-framed `tensorflow.Event` protobufs. Scalars
/// (`simple_value` and one-element tensors) become metric samples; corrupt records are skipped and counted.
/// </summary>
public sealed class TensorBoardFormat : IFileFormat
{
    private const string FileNameMark = "events.out.tfevents.";

    public string Name => "tensorboard";

    public string Description => "TensorBoard event files (events.out.tfevents.*): scalars from PyTorch, TF2, detectron2, ultralytics";

    public string Example => "events.out.tfevents.1727894649.host.6379.0 (binary: TFRecord-framed tensorflow.Event protobufs)";

    public double Sniff(FileSample sample)
    {
        if (sample.FileName.Contains(FileNameMark, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return StartsWithValidRecord(sample) ? 0.9 : 0;
    }

    public FileReadResult Read(Stream stream, SourceInfo source, IRecordSink sink, CancellationToken cancellationToken = default)
    {
        var reader = new TfRecordReader(stream);
        if (reader.StartsWith("version https://git-lfs"u8))
        {
            return new FileReadResult(0, 0, 0, "is a Git LFS pointer, not the event file itself (fetch it with `git lfs pull`)");
        }

        var events = new EventRecords(source, sink);
        var problems = new ReadProblems();
        long records = 0, unparsed = 0, skipped = 0, ordinal = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = reader.Next(out var payload);
            if (status == TfRecordStatus.End)
            {
                break;
            }

            ordinal++;
            var at = reader.RecordOffset;
            switch (status)
            {
                case TfRecordStatus.Record:
                    switch (events.Read(payload, ordinal, at))
                    {
                        case EventOutcome.Records:
                            records++;
                            break;
                        case EventOutcome.NothingOfUse:
                            unparsed++;
                            break;
                        default:
                            skipped++;
                            problems.Add($"record {ordinal} at byte {at} is not an event (skipped)");
                            break;
                    }

                    break;
                case TfRecordStatus.BadDataCrc:
                    skipped++;
                    problems.Add($"record {ordinal} at byte {at}: data CRC mismatch (skipped)");
                    break;
                case TfRecordStatus.Garbage:
                    skipped++;
                    problems.Add($"{reader.SkippedBytes} unreadable bytes at byte {at} (skipped to the next record)");
                    break;
                case TfRecordStatus.Truncated:
                    skipped++;
                    problems.Add($"truncated record at byte {at} ({reader.SkippedBytes} bytes, the file ends inside it)");
                    break;
                case TfRecordStatus.TooLarge:
                    skipped++;
                    problems.Add($"record at byte {at} claims {reader.DeclaredLength} bytes, over the {TfRecordReader.DefaultMaxRecordBytes >> 20} MiB limit; stopped reading");
                    break;
            }
        }

        return new FileReadResult(records, unparsed, skipped, problems.Message);
    }

    private static bool StartsWithValidRecord(FileSample sample)
    {
        // Checked on the sample itself: sniffing runs for every file of a directory, and again while `watch` follows it.
        var head = sample.Head.Span;
        if (head.Length < TfRecordReader.HeaderBytes
            || TfRecordCrc.Masked(head[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(head[8..TfRecordReader.HeaderBytes]))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(head);
        if (length == 0 || length > TfRecordReader.DefaultMaxRecordBytes)
        {
            return false;
        }

        var end = TfRecordReader.HeaderBytes + (long)length + TfRecordReader.FooterBytes;
        if (end > head.Length)
        {
            // A first record cut by the sample size still counts when its length CRC held.
            return !sample.HeadIsWholeFile;
        }

        var data = head.Slice(TfRecordReader.HeaderBytes, (int)length);
        return TfRecordCrc.Masked(data) == BinaryPrimitives.ReadUInt32LittleEndian(head[(int)(end - TfRecordReader.FooterBytes)..]);
    }
}
