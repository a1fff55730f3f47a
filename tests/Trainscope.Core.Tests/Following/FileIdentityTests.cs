using Trainscope.Following;

namespace Trainscope.Tests.Following;

public class FileIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_renamed_file_keeps_its_identity_and_a_new_file_at_the_path_gets_another()
    {
        var path = Path.Combine(_dir, "a.log");
        File.WriteAllText(path, "x\n");
        var before = FileIdentity.Of(path);
        using (var handle = File.OpenHandle(path))
        {
            FileIdentity.Of(handle).ShouldBe(before);
        }

        File.Move(path, path + ".1");
        File.WriteAllText(path, "y\n");
        before.ShouldNotBeNull();
        FileIdentity.Of(path + ".1").ShouldBe(before);
        FileIdentity.Of(path).ShouldNotBe(before);
        FileIdentity.Of(Path.Combine(_dir, "missing")).ShouldBeNull();
    }
}
