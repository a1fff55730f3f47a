using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.MetricLogger;

/// <summary>The byte look that lets part planning pass over lines must never turn down an epoch's first line.</summary>
public sealed class EpochStartTests
{
    private static readonly SourceInfo Source = new(0, "train.log", "train.log");

    [Theory]
    [InlineData("metriclogger/detr_default_mha_8gpu_stdout.txt")]
    [InlineData("metriclogger/detr_extended_4gpu_stdout.txt")]
    [InlineData("metriclogger/detr_test_dcmha_8gpu_stdout.txt")]
    public void Every_epoch_start_of_a_corpus_log_passes_the_byte_look(string relative)
    {
        var starts = 0;
        var passed = 0;
        foreach (var line in File.ReadLines(TestPaths.Corpus(relative)))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var may = MetricLoggerParser.MayBeEpochStart(bytes);
            passed += may ? 1 : 0;
            if (MetricLoggerParser.IsEpochStart(new LogLine(bytes, 1, 0, Source)))
            {
                starts++;
                may.ShouldBeTrue(line);
            }
        }

        starts.ShouldBeGreaterThan(0);
        passed.ShouldBeLessThan(starts * 3); // the look turns down the epochs' other lines
    }

    [Theory]
    [InlineData("[2026-01-05 10:33:33,342] [rank0:INFO|misc.py:146] >> Epoch: [12]  [   0/2592]  eta: 1:02:03  lr: 0.0001", true)]
    [InlineData("Epoch: [3]  [0/100]  eta: 0:00:10", true)]
    [InlineData("[prefix Epoch: [1]] Epoch: [4]  [ 0 /50]", true)] // the first `Epoch: [` is not the one that opens
    [InlineData("Epoch: [12]  [740/2592]  eta: 1:02:03", false)]
    [InlineData("Epoch: [12]  [10/2592]", false)]
    [InlineData("Test:  [   0/313]  eta: 0:01:00", false)]
    [InlineData("Epoch: [x]  [0/10]", false)]
    public void The_byte_look_reads_the_epoch_and_the_first_iteration(string line, bool expected)
        => MetricLoggerParser.MayBeEpochStart(Encoding.UTF8.GetBytes(line)).ShouldBe(expected);
}
