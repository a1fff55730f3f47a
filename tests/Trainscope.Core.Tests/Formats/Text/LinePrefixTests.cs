using System.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Tests.Formats.Text;

public class LinePrefixTests
{
    private static (LinePrefix Prefix, string Body) Parse(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var prefix = LinePrefix.Parse(bytes);
        return (prefix, Encoding.UTF8.GetString(bytes.AsSpan(prefix.BodyStart)));
    }

    [Fact]
    public void Reads_rank_level_and_time_of_the_misc_py_prefix()
    {
        var (prefix, body) = Parse("[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,342 >> Epoch: [12]  [740/2592]");
        prefix.Rank.ShouldBe(0);
        prefix.Level.ShouldBe(LogLevel.Info);
        prefix.Timestamp.ShouldBe(new DateTime(2026, 1, 5, 10, 33, 33, 342));
        body.ShouldBe("Epoch: [12]  [740/2592]");
    }

    [Fact]
    public void Reads_torch_rank_prefix_and_glog_style_is_left_alone()
    {
        var (prefix, body) = Parse("[rank3]:[E321 02:07:08.408271257 ProcessGroupNCCL.cpp:607] [Rank 0] Watchdog");
        prefix.Rank.ShouldBe(3);
        body.ShouldStartWith("[E321");
    }

    [Fact]
    public void Reads_python_logging_with_dash_separators()
    {
        var (prefix, body) = Parse("2025-03-02 05:16:20,348 - INFO - Epoch 1 - Batch loss: 0.5");
        prefix.Level.ShouldBe(LogLevel.Info);
        prefix.Timestamp!.Value.Second.ShouldBe(20);
        body.ShouldBe("Epoch 1 - Batch loss: 0.5");
    }

    [Fact]
    public void Reads_detectron2_prefix()
    {
        var (prefix, body) = Parse("[12/21 21:00:41] d2.utils.events INFO:  eta: 0:01:02  iter: 19  total_loss: 0.17");
        prefix.Level.ShouldBe(LogLevel.Info);
        prefix.Timestamp!.Value.Hour.ShouldBe(21);
        body.ShouldBe("eta: 0:01:02  iter: 19  total_loss: 0.17");
    }

    [Fact]
    public void Reads_llama_factory_prefix()
    {
        var (prefix, body) = Parse("[INFO|2024-11-26 22:09:01] logging.py:157 >> {'loss': 1.0}");
        prefix.Level.ShouldBe(LogLevel.Info);
        prefix.Timestamp!.Value.Year.ShouldBe(2024);
        body.ShouldBe("{'loss': 1.0}");
    }

    [Fact]
    public void Reads_python_basic_logging_and_torchrun_default_prefix()
    {
        Parse("INFO:__main__:Starting training").Body.ShouldBe("Starting training");
        var (prefix, body) = Parse("[default3]:Epoch: [0]  [0/10]");
        prefix.Rank.ShouldBe(3);
        body.ShouldBe("Epoch: [0]  [0/10]");
    }

    [Fact]
    public void Leaves_a_plain_metric_line_untouched()
    {
        var (prefix, body) = Parse("Epoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100");
        prefix.Rank.ShouldBeNull();
        prefix.Timestamp.ShouldBeNull();
        body.ShouldBe("Epoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100");
    }
}
