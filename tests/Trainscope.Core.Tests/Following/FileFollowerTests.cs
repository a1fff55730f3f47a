using Trainscope.Following;

namespace Trainscope.Tests.Following;

public class FileFollowerTests : IDisposable
{
    private static readonly FollowOptions Options = new() { DrainQuietTime = TimeSpan.Zero };
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-follow-").FullName;
    private readonly string _path;
    private readonly RecordingTarget _target = new();
    private readonly FileFollower _follower;

    public FileFollowerTests()
    {
        _path = Path.Combine(_dir, "train.log");
        _follower = new FileFollower(_path, Options);
    }

    public void Dispose()
    {
        _follower.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private void Append(string text) => File.AppendAllText(_path, text);

    [Fact]
    public void Appended_lines_are_read_once_with_their_numbers_and_offsets()
    {
        Append("a=1\nb=2\n");
        _follower.Poll(_target);
        Append("c=3\n");
        _follower.Poll(_target);
        _follower.Poll(_target);
        _target.Lines.ShouldBe([("a=1", 1, 0), ("b=2", 2, 4), ("c=3", 3, 8)]);
        _target.Notices.Single().Kind.ShouldBe(FollowNoticeKind.Appeared);
    }

    [Fact]
    public void A_copytruncate_that_regrows_to_the_same_length_between_polls_is_noticed()
    {
        var head = new string('x', 70);
        Append($"{head}\nid=01\n");
        _follower.Poll(_target);
        Append("id=02\n");
        File.Copy(_path, _path + ".1");
        File.WriteAllText(_path, $"{head.Replace('x', 'y')}\nid=03\nid=04\n"); // truncated, then as long as the file was before
        _follower.Poll(_target);
        _target.Texts.Where(t => t.StartsWith("id=")).ShouldBe(["id=01", "id=02", "id=03", "id=04"]);
        _target.Notices.ShouldContain(n => n.Kind == FollowNoticeKind.Truncated);
    }

    [Fact]
    public void A_half_written_last_line_waits_for_its_newline()
    {
        Append("a=1\nloss=0.4");
        _follower.Poll(_target);
        _target.Texts.ShouldBe(["a=1"]);
        _follower.Offset.ShouldBe(4);
        Append("56\n");
        _follower.Poll(_target);
        _target.Lines.Last().ShouldBe(("loss=0.456", 2, 4));
        _target.Partial.ShouldBeEmpty();
    }

    [Fact]
    public void A_crlf_split_between_polls_keeps_line_numbers_right()
    {
        Append("a=1\r");
        _follower.Poll(_target);
        Append("\nb=2\r\n");
        _follower.Poll(_target);
        _target.Lines.Select(l => (l.Text, l.Number)).ShouldBe([("a=1", 1L), ("b=2", 2L)]);
    }

    [Fact]
    public void Truncation_restarts_at_the_beginning_and_says_so()
    {
        Append("a=1\nb=2\n");
        _follower.Poll(_target);
        File.WriteAllText(_path, "");
        _follower.Poll(_target);
        Append("c=3\n");
        _follower.Poll(_target);
        _target.Texts.ShouldBe(["a=1", "b=2", "c=3"]);
        _target.Lines.Last().Number.ShouldBe(1);
        _target.Notices.Select(n => n.Kind).ShouldBe([FollowNoticeKind.Appeared, FollowNoticeKind.Truncated]);
    }

    [Fact]
    public void Copytruncate_that_regrew_past_the_old_offset_before_the_poll_is_still_noticed()
    {
        Append("id=1 first line of the first file, long enough to fill the fingerprint\nid=2\n");
        _follower.Poll(_target);
        using (var stream = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.SetLength(0);
        }

        Append("id=3 the new content is longer than the old content was, so its length alone hides the truncation\n");
        _follower.Poll(_target);
        _target.Texts.Count().ShouldBe(3);
        _target.Lines.Last().Text.ShouldStartWith("id=3");
        _target.Notices.Last().Kind.ShouldBe(FollowNoticeKind.Truncated);
    }

    [Fact]
    public void Rotation_by_rename_reads_the_old_file_to_its_end_then_the_new_one()
    {
        Append("id=1\n");
        _follower.Poll(_target);
        Append("id=2\n");
        File.Move(_path, _path + ".1");
        Append("id=3\n");
        _follower.Poll(_target);
        _target.Texts.ShouldBe(["id=1", "id=2", "id=3"]);
        _target.Notices.Last().Kind.ShouldBe(FollowNoticeKind.Rotated);
        _follower.IsRotatedCopy(_path + ".1").ShouldBeTrue();
    }

    [Fact]
    public void A_writer_that_still_writes_to_the_renamed_file_is_not_lost()
    {
        Append("id=1\n");
        _follower.Poll(_target);
        using var writer = new StreamWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
        File.Move(_path, _path + ".1");
        Append("id=3\n");
        _follower.Poll(_target);
        writer.Write("id=2\n");
        _follower.Poll(_target);
        _target.Texts.Order().ShouldBe(["id=1", "id=2", "id=3"]);
    }

    [Fact]
    public void Deletion_is_noticed_and_a_file_reappearing_at_the_path_is_read_from_its_start()
    {
        Append("id=1\n");
        _follower.Poll(_target);
        File.Delete(_path);
        _follower.Poll(_target);
        _follower.IsOpen.ShouldBeFalse();
        Append("id=2\n");
        _follower.Poll(_target);
        _target.Texts.ShouldBe(["id=1", "id=2"]);
        _target.Notices.Select(n => n.Kind).ShouldBe([FollowNoticeKind.Appeared, FollowNoticeKind.Deleted, FollowNoticeKind.Appeared]);
    }

    [Fact]
    public void A_last_line_without_newline_in_a_deleted_file_is_handed_over_as_partial_when_the_file_is_done()
    {
        Append("id=1\nid=2");
        _follower.Poll(_target);
        File.Delete(_path);
        _follower.Poll(_target);
        _follower.Poll(_target);
        _target.Texts.ShouldBe(["id=1"]);
        _target.Partial.ShouldBe(["id=2"]);
    }
}
