using System.Text;
using System.Text.Json;
using Trainscope.Formats;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public class ExplainTests
{
    private static string Fixture(string relative) => Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", relative);

    [Fact]
    public void Json_explain_lists_every_format_with_its_sniff_score_and_the_lines_it_took()
    {
        var path = Fixture("generic/custom_loop.log");

        var result = CliRunner.Run("analyze", "--json", "--explain", path);

        result.ExitCode.ShouldBe(0);
        var source = result.Json.GetProperty("runs")[0].GetProperty("sources")[0];
        var explain = source.GetProperty("explain");
        var formats = explain.GetProperty("formats").EnumerateArray().ToList();
        formats.Select(f => f.GetProperty("name").GetString()).ShouldBe(FormatRegistry.All.Select(f => f.Name), ignoreOrder: true);
        var generic = formats[0];
        generic.GetProperty("name").GetString().ShouldBe("generic");
        generic.GetProperty("lines").GetInt64().ShouldBe(source.GetProperty("lines_by_format").GetProperty("generic").GetInt64());
        generic.GetProperty("sniff").GetDouble().ShouldBeGreaterThan(0);
        formats.Skip(1).ShouldAllBe(f => f.GetProperty("lines").GetInt64() == 0);
    }

    [Fact]
    public void Json_explain_gives_unparsed_lines_with_their_numbers_and_text()
    {
        var path = Fixture("generic/custom_loop.log");
        var lines = File.ReadAllLines(path);

        var explain = CliRunner.Run("analyze", "--json", "--explain", path).Json.GetProperty("runs")[0].GetProperty("sources")[0].GetProperty("explain");

        explain.GetProperty("unparsed").GetInt64().ShouldBeGreaterThan(0);
        var samples = explain.GetProperty("unparsed_samples").EnumerateArray().ToList();
        samples.ShouldNotBeEmpty();
        foreach (var sample in samples)
        {
            var number = sample.GetProperty("line").GetInt64();
            sample.GetProperty("text").GetString().ShouldBe(lines[number - 1].Trim());
        }

        samples[0].GetProperty("line").GetInt64().ShouldBe(1); // `##### Epoch 1 #####` holds no value
    }

    [Fact]
    public void Json_explain_counts_skipped_lines_by_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-explain-{Guid.NewGuid():N}.log");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("step 1 loss: 0.5\n\0\0\0\0\nstep 2 loss: 0.4\nstep 3 loss: 0."));
        try
        {
            var explain = CliRunner.Run("analyze", "--json", "--explain", path).Json.GetProperty("runs")[0].GetProperty("sources")[0].GetProperty("explain");

            var reasons = explain.GetProperty("skipped_by_reason");
            reasons.GetProperty("nul").GetInt64().ShouldBe(1);
            reasons.GetProperty("partial-last-line").GetInt64().ShouldBe(1);
            explain.GetProperty("skipped").GetInt64().ShouldBe(2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_explain_the_json_has_no_explain_block()
    {
        var source = CliRunner.Run("analyze", "--json", Fixture("generic/custom_loop.log")).Json.GetProperty("runs")[0].GetProperty("sources")[0];

        source.TryGetProperty("explain", out _).ShouldBeFalse();
    }

    [Fact]
    public void The_terminal_explain_shows_formats_scores_counts_and_numbered_unparsed_lines()
    {
        var result = CliRunner.Run("analyze", "--explain", Fixture("generic/custom_loop.log"));

        result.ExitCode.ShouldBe(0);
        result.Console.ShouldContain("Explain");
        result.Console.ShouldMatch(@"generic\s+0\.\d\d\s+8\b");
        result.Console.ShouldMatch(@"epoch-progress\s+0\.00\s+0\b");
        result.Console.ShouldMatch(@"unparsed: 3 lines\s+skipped: none");
        result.Console.ShouldContain("unparsed line 1: ");
    }

    [Fact]
    public void A_forced_format_has_no_sniff_scores()
    {
        var explain = CliRunner.Run("analyze", "--json", "--explain", "--format", "generic", Fixture("generic/custom_loop.log"))
            .Json.GetProperty("runs")[0].GetProperty("sources")[0].GetProperty("explain");

        var formats = explain.GetProperty("formats").EnumerateArray().ToList();
        formats.Single().GetProperty("name").GetString().ShouldBe("generic");
        formats.Single().GetProperty("sniff").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
