using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>Every corpus file cut short and spliced with NUL runs and random bytes (fixed seeds) is still read.</summary>
public class CorpusDamageTests
{
    public static TheoryData<string> Files() => [.. CorpusSweepTests.CorpusFiles()];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_truncated_file_with_nul_runs_and_random_bytes_is_read_and_counted(string file)
    {
        var original = File.ReadAllBytes(CliRunner.Corpus(file));
        var random = new Random(StableSeed(file));
        var damaged = Damage(original, random);
        var dir = Directory.CreateTempSubdirectory("trainscope-damage-");
        var path = Path.Combine(dir.FullName, Path.GetFileName(file)); // the name matters to sniffing (tfevents)
        File.WriteAllBytes(path, damaged);
        try
        {
            var result = CliRunner.Run("analyze", "--json", "--explain", path);

            result.ExitCode.ShouldBeOneOf(0, 3);
            if (result.ExitCode == 0)
            {
                var source = result.Json.GetProperty("runs")[0].GetProperty("sources")[0];
                source.GetProperty("bytes").GetInt64().ShouldBe(damaged.Length);
                source.GetProperty("unparsed").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
                source.GetProperty("explain").GetProperty("skipped").GetInt64().ShouldBe(source.GetProperty("skipped").GetInt64());
            }
            else
            {
                result.Error.ShouldContain("nothing recognisable");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        var cut = original.Length == 0 ? 0 : random.Next(original.Length / 2, original.Length + 1);
        var bytes = new List<byte>(original.AsSpan(0, cut).ToArray());
        for (var splice = 0; splice < 4 && bytes.Count > 0; splice++)
        {
            var at = random.Next(bytes.Count);
            var run = new byte[random.Next(1, 64)];
            if (splice % 2 == 1)
            {
                random.NextBytes(run);
            }

            bytes.InsertRange(at, run);
        }

        return [.. bytes];
    }

    /// <summary>FNV-1a of the name: the same damage on every run and machine (string.GetHashCode is randomised).</summary>
    private static int StableSeed(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
