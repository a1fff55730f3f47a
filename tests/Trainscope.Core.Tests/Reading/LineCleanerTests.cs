using System.Text;
using Trainscope.Reading;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Reading;

public class LineCleanerTests
{
    private static (LineStatus Status, string Text) Clean(byte[] raw, bool repair = false)
    {
        var cleaner = new LineCleaner { RepairMojibake = repair };
        var status = cleaner.Clean(raw, out var text);
        return (status, Encoding.UTF8.GetString(text));
    }

    [Fact]
    public void Strips_ansi_colours_and_erase_line()
        => Clean("\u001b[34m\u001b[1mtrain:\u001b[0m loss 0.5\u001b[K"u8.ToArray()).ShouldBe((LineStatus.Text, "train: loss 0.5"));

    [Fact]
    public void A_line_of_nul_bytes_is_nul_filler()
        => Clean(new byte[64]).Status.ShouldBe(LineStatus.Nul);

    [Fact]
    public void Nul_bytes_inside_text_are_removed()
        => Clean("loss\0: 0.5"u8.ToArray()).ShouldBe((LineStatus.Text, "loss: 0.5"));

    [Fact]
    public void Random_binary_is_rejected()
    {
        var bytes = new byte[500];
        new Random(7).NextBytes(bytes);
        Clean(bytes).Status.ShouldBe(LineStatus.Binary);
    }

    [Fact]
    public void Invalid_utf8_is_replaced_not_fatal()
    {
        var (status, text) = Clean([.. "loss: 0.5 "u8, 0xFF, .. " ok"u8]);
        status.ShouldBe(LineStatus.Text);
        text.ShouldBe("loss: 0.5 \uFFFD ok");
    }

    [Fact]
    public void Double_encoded_utf8_is_repaired()
    {
        var mojibake = Encoding.UTF8.GetBytes("æ—¥å¿—æ–‡ä»¶ loss: 0.5"); // 日志文件 read as code page 1252
        Clean(mojibake, repair: true).Text.ShouldBe("日志文件 loss: 0.5");
    }

    [Fact]
    public void Correct_chinese_is_left_alone_even_in_repair_mode()
        => Clean(Encoding.UTF8.GetBytes("平均损失: 0.0712"), repair: true).Text.ShouldBe("平均损失: 0.0712");

    [Fact]
    public void Seed_003_is_detected_as_double_encoded_and_its_markers_become_readable()
    {
        var lines = File.ReadAllLines(TestPaths.Seed("003"));
        MojibakeRepair.Detect(lines.Take(200)).ShouldBeTrue();
        var cleaner = new LineCleaner { RepairMojibake = true };
        var repaired = lines.Select(l =>
        {
            cleaner.Clean(Encoding.UTF8.GetBytes(l), out var text);
            return Encoding.UTF8.GetString(text);
        }).ToArray();
        repaired.ShouldContain(l => l.Contains("日志"));
        cleaner.RepairedLines.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Plain_utf8_files_are_not_taken_for_mojibake()
        => MojibakeRepair.Detect(File.ReadAllLines(TestPaths.Seed("002"))).ShouldBeFalse();
}
