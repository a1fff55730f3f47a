using Google.Protobuf;
using Trainscope.Formats;
using Trainscope.Formats.TensorBoard;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;
using Trainscope.Reporting;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.TensorBoard;

/// <summary>Event files for tests: the fixtures, files made with our writer, and reading bytes with the format.</summary>
internal static class EventFiles
{
    public const string FixtureName = "events.out.tfevents.1700000000.fixture";

    public static byte[] Fixture(string variant) => File.ReadAllBytes(TestPaths.Fixture($"tensorboard/{variant}.{FixtureName}"));

    /// <summary>A header and <paramref name="count"/> events of `train/loss` and `eval/acc`, framed by <see cref="TfRecordWriter"/>.</summary>
    public static byte[] Written(int count)
    {
        using var output = new MemoryStream();
        var writer = new TfRecordWriter(output);
        writer.Write(new Event { WallTime = 1_700_000_000, FileVersion = "brain.Event:2" }.ToByteArray());
        for (var i = 0; i < count; i++)
        {
            var summary = new Summary();
            summary.Value.Add(new SummaryValue { Tag = i % 2 == 0 ? "train/loss" : "eval/acc", SimpleValue = i * 0.5f });
            writer.Write(new Event { WallTime = 1_700_000_000 + i, Step = i, Summary = summary }.ToByteArray());
        }

        return output.ToArray();
    }

    public static (RecordCollector Records, FileReadResult Result) Read(byte[] bytes, bool seekable = true)
    {
        var records = new RecordCollector();
        using Stream stream = seekable ? new MemoryStream(bytes, writable: false) : new ForwardOnlyStream(bytes);
        var result = new TensorBoardFormat().Read(stream, new SourceInfo(0, "events.out.tfevents.test", "events.out.tfevents.test"), records);
        return (records, result);
    }

    /// <summary>A stream that cannot seek or tell its length, as a pipe.</summary>
    public sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes, writable: false);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // Hands out at most 7 bytes a call, so every refill path of the reader is exercised.
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
