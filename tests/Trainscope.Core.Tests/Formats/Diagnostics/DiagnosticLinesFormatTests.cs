using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Diagnostics;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Diagnostics;

public class DiagnosticLinesFormatTests
{
    private static readonly DiagnosticLinesFormat Format = new();

    private static List<LogEvent> Mixed() => LineFeeder.FeedFile(Format, TestPaths.Fixture("diagnostics/mixed_failures.log")).Events;

    [Fact]
    public void Every_kind_of_diagnostic_in_the_fixture_is_found_in_order()
    {
        Mixed().Select(e => (e.Line, e.Name)).ShouldBe(
        [
            (1, "gpu"), (2, "gpu"), (4, "gpu"), (6, "UserWarning"), (8, "warning"), (9, "loss-scale-overflow"),
            (10, "loss-scale-overflow"), (11, "nan-input"), (12, "traceback"), (17, "ValueError"), (18, "nccl-timeout"),
            (19, "nccl-error"), (21, "cuda-oom"), (22, "killed"), (23, "signal"), (24, "ChildFailedError"),
            (26, "traceback"), (29, "RuntimeError"), (30, "killed"),
        ]);
    }

    [Fact]
    public void Gpu_names_carry_the_table_memory_from_the_next_line()
    {
        var gpus = Mixed().Where(e => e.Name == "gpu").ToList();

        gpus.ShouldAllBe(e => e.Kind == EventKind.RunInfo);
        gpus[0].Attributes!["name"].ShouldBe("NVIDIA A100-SXM4-80GB");
        gpus[0].Attributes!["index"].ShouldBe("0");
        gpus[1].Attributes!["name"].ShouldBe("NVIDIA H100 80GB HBM3");
        gpus[1].Value.ShouldBe(81559);
        gpus[2].Value.ShouldBeNull();
    }

    [Fact]
    public void Traceback_is_named_by_its_final_exception_line()
    {
        var events = Mixed();

        var traceback = events.First(e => e.Name == "traceback");
        traceback.Kind.ShouldBe(EventKind.Error);
        traceback.Attributes!["exception"].ShouldBe("ValueError");
        traceback.Attributes["message"].ShouldBe("bad config");
        traceback.Attributes["exception_line"].ShouldBe("17");
        var rankPrefixed = events.Last(e => e.Name == "traceback");
        rankPrefixed.Rank.ShouldBe(0);
        rankPrefixed.Attributes!["exception"].ShouldBe("RuntimeError");
        events.Single(e => e.Name == "RuntimeError").Rank.ShouldBe(0);
        events.Single(e => e.Name == "ChildFailedError").Attributes!["type"].ShouldBe("torch.distributed.elastic.multiprocessing.errors.ChildFailedError");
    }

    [Fact]
    public void Oom_overflow_and_watchdog_lines_carry_their_numbers()
    {
        var events = Mixed();

        var oom = events.Single(e => e.Kind == EventKind.OutOfMemory);
        oom.Value.ShouldBe(2.0);
        oom.Attributes!["gpu"].ShouldBe("1");
        oom.Attributes["gpu_total"].ShouldBe("79.15 GiB");
        var overflows = events.Where(e => e.Name == "loss-scale-overflow").ToList();
        overflows.Select(e => e.Value).ShouldBe([32.0, 256.0]);
        overflows[0].Attributes!["attempted"].ShouldBe("64");
        overflows[0].Rank.ShouldBe(0);
        var timeout = events.Single(e => e.Name == "nccl-timeout");
        timeout.Rank.ShouldBe(3);
        timeout.Attributes!["seq"].ShouldBe("1580");
        timeout.Attributes["op"].ShouldBe("ALLREDUCE");
        timeout.Attributes["timeout_ms"].ShouldBe("600000");
        timeout.Attributes["ran_ms"].ShouldBe("600060");
        events.Single(e => e.Name == "nccl-error").Rank.ShouldBe(1);
        events.Single(e => e.Name == "signal").Attributes!["signal"].ShouldBe("SIGTERM");
    }

    [Fact]
    public void Corpus_uctransnet_ends_in_a_cuda_oom_of_100_mib_on_a_12_gib_gpu()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("failures/issue_uctransnet_2_cuda_oom_after_iter371.txt")).Events;

        var oom = events.Single(e => e.Kind == EventKind.OutOfMemory);
        oom.Value.ShouldBe(100.0 / 1024);
        oom.Attributes!["gpu_total"].ShouldBe("12.00 GiB");
        oom.Attributes["exception"].ShouldBe("RuntimeError");
        oom.Line.ShouldBe(17);
        events.Single(e => e.Name == "traceback").Attributes!["exception"].ShouldBe("RuntimeError");
        events.Count.ShouldBe(2);
    }

    [Fact]
    public void Corpus_ofa_has_watchdog_timeouts_for_six_ranks_in_file_order()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("multi-rank/issue_ofa_271_nccl_watchdog_8ranks.txt")).Events;

        events.ShouldAllBe(e => e.Name == "nccl-timeout" && e.Kind == EventKind.Error);
        events.Select(e => e.Rank).ShouldBe([1, 3, 2, 6, 7, 5]);
        events.ShouldAllBe(e => e.Attributes!["seq"] == "469508");
        events.Take(5).Select(e => e.Attributes!["ran_ms"]).ShouldBe(["1802212", "1802211", "1802212", "1802210", "1802220"]);
        events.Take(5).ShouldAllBe(e => e.Attributes!["timeout_ms"] == "1800000" && e.Attributes["op"] == "ALLREDUCE");
    }

    [Fact]
    public void Corpus_llamafactory_interleaved_ranks_give_timeouts_and_watchdog_exceptions()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("multi-rank/issue_llamafactory_7396_rank_interleaved_watchdog.txt")).Events;

        events.Select(e => (e.Name, e.Rank)).ShouldBe(
            [("nccl-timeout", 0), ("nccl-timeout", 4), ("nccl-error", 0), ("nccl-error", 3), ("nccl-timeout", 2)]);
        events[0].Attributes!["seq"].ShouldBe("1580");
        events[0].Attributes!["ran_ms"].ShouldBe("600060");
        events[0].Attributes!["timeout_ms"].ShouldBe("600000");
        events[4].Attributes!.ContainsKey("ran_ms").ShouldBeFalse(); // the excerpt is cut inside `ran fo`
    }

    [Fact]
    public void Corpus_lightning_bar_line_still_yields_the_glued_watchdog_errors()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("failures/issue_pytorch_118369_lightning_bar_then_watchdog.txt")).Events;

        var timeouts = events.Where(e => e.Name == "nccl-timeout").ToList();
        timeouts[0].Line.ShouldBe(1);
        timeouts.Select(e => (e.Rank, e.Attributes!["seq"])).ShouldBe(
            [(0, "96120"), (0, "96117"), (0, "96125"), (0, "96125"), (7, "64088")]);
        timeouts[0].Attributes!["ran_ms"].ShouldBe("25624887");
        timeouts[0].Attributes!["timeout_ms"].ShouldBe("1800000");
    }

    [Fact]
    public void Corpus_deepspeed_loss_scale_collapse_has_five_overflows()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt")).Events;

        var overflows = events.Where(e => e.Name == "loss-scale-overflow").ToList();
        overflows.Count.ShouldBe(5);
        overflows.Select(e => e.Value).ShouldBe([32.0, 16.0, 8.0, 4.0, 2.0]);
        overflows.Select(e => e.Attributes!["attempted"]).ShouldBe(["64", "32", "16", "8", "4"]);
        overflows.ShouldAllBe(e => e.Kind == EventKind.Warning && e.Rank == 0);
    }

    [Fact]
    public void Corpus_apex_overflows_and_nan_warning()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("failures/issue_nvidia-apex_493_overflow_then_val_loss_spike.txt")).Events;

        events.Where(e => e.Name == "loss-scale-overflow").Select(e => e.Value).ShouldBe([256.0, 128, 64, 32, 16, 8, 4, 2]);
        events.Count(e => e.Name == "nan-input").ShouldBe(1);
    }

    [Fact]
    public void Corpus_olmo_is_killed_by_signal_15_twice()
    {
        var events = LineFeeder.FeedFile(Format, TestPaths.Corpus("custom-epoch/olmo_1b_torchrun_sigterm.log")).Events;

        var signals = events.Where(e => e.Name == "SignalException").ToList();
        signals.Count.ShouldBe(2);
        signals.ShouldAllBe(e => e.Text.Contains("got signal: 15") && e.Attributes!["signal"] == "15");
        events.Count(e => e.Name == "traceback").ShouldBe(2);
        events.Where(e => e.Name == "traceback").ShouldAllBe(e => e.Attributes!["exception"].EndsWith("SignalException"));
        events.Count(e => e.Name == "UserWarning").ShouldBe(8);
        events.Count(e => e.Kind == EventKind.Warning).ShouldBe(8);
        events.Count(e => e.Name == "signal" && e.Attributes!["signal"] == "SIGTERM").ShouldBe(9);
    }

    [Fact]
    public void Metric_lines_cost_nothing_and_give_nothing()
    {
        var records = LineFeeder.Feed(Format, "Epoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100  class_error: 98.96\n{'loss': 2.2818, 'learning_rate': 2.5e-06}\nError: 0.25\n");

        records.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Random_bytes_and_truncations_never_throw()
    {
        var random = new Random(42);
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "f.log", "f.log");
        var samples = File.ReadAllLines(TestPaths.Fixture("diagnostics/mixed_failures.log")).Select(Encoding.UTF8.GetBytes).ToList();
        long number = 0;
        foreach (var bytes in samples)
        {
            for (var cut = 0; cut <= bytes.Length; cut++)
            {
                parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, source), sink);
            }
        }

        for (var i = 0; i < 3000; i++)
        {
            var noise = new byte[random.Next(0, 160)];
            random.NextBytes(noise);
            parser.TryParse(new LogLine(noise, ++number, 0, source), sink);
        }

        parser.Complete(sink);
        sink.Events.ShouldNotBeEmpty();
    }
}
