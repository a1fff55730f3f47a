using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public class AnalyzeCommandTests
{
    [Fact]
    public void A_missing_path_is_a_usage_error_naming_the_path()
    {
        var result = CliRunner.Run("analyze", "/no/such/run");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("/no/such/run");
    }

    [Fact]
    public void Missing_arguments_are_a_usage_error()
        => CliRunner.Run("analyze").ExitCode.ShouldBe(2);

    [Fact]
    public void An_unknown_format_is_a_usage_error()
        => CliRunner.Run("analyze", CliRunner.Sample("lora-hf"), "--format", "nope").ExitCode.ShouldBe(2);

    [Fact]
    public void A_file_with_nothing_recognisable_exits_3_and_lists_the_formats_tried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-empty-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, "hello\nthis is prose without numbers\n");
        try
        {
            var result = CliRunner.Run("analyze", path);
            result.ExitCode.ShouldBe(3);
            result.Error.ShouldContain("formats tried");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
