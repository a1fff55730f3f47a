using System.Diagnostics;

namespace Trainscope.Tests.Commands;

/// <summary>
/// Runs the real `trainscope watch` full-screen view inside tmux and reads the screen as a person would see it.
/// tmux is required (.ci/run installs it); without it these tests fail rather than skip.
/// </summary>
public class WatchScreenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-screen-").FullName;
    private readonly string _session = $"trainscope-test-{Guid.NewGuid():N}"[..28];

    public void Dispose()
    {
        Tmux("kill-session", "-t", _session);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_live_view_shows_ranks_metrics_and_a_stalled_rank_and_q_restores_the_terminal()
    {
        var logs = Enumerable.Range(0, 2).Select(r => Path.Combine(_dir, $"debug_rank{r}_run.log")).ToArray();
        for (var r = 0; r < 2; r++)
        {
            File.WriteAllText(logs[r], $"[INFO] Starting training...\n[DEBUG] [Rank {r}] ========== EPOCH 0 TRAINING START ==========\n");
        }

        var cli = Path.Combine(AppContext.BaseDirectory, "trainscope.dll");
        Tmux("new-session", "-d", "-s", _session, "-x", "150", "-y", "45", "-c", _dir,
            $"dotnet '{cli}' watch --stall-after 1.5 .; echo EXITED-$?; sleep 60").ShouldBe(0);
        WaitForScreen(s => s.Contains("trainscope watch"), TimeSpan.FromSeconds(60));

        // Rank 1 stops at step 15; rank 0 goes on writing (its loss settles at 0.6) until the screen has been read, so
        // only rank 1 can look stalled however slowly the machine runs.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var step = 1; !stop.IsCancellationRequested; step++)
            {
                File.AppendAllText(logs[0], $"[DEBUG] [Rank 0] Training step {step}, loss={Math.Max(0.6, 1.0 - step * 0.01):0.0000}\n");
                if (step <= 15)
                {
                    File.AppendAllText(logs[1], $"[DEBUG] [Rank 1] Training step {step}, loss={1.0 - step * 0.01:0.0000}\n");
                }

                Thread.Sleep(100);
            }
        });

        var screen = WaitForScreen(s => s.Contains("STALLED") && s.Contains("rank-stalled") && s.Contains(" 0.6 "), TimeSpan.FromSeconds(60));
        screen.ShouldContain("trainscope watch");
        screen.ShouldContain("debug_rank0_run.log");
        screen.ShouldContain("debug_rank1_run.log");
        screen.ShouldMatch(@"loss\s+train\s+0\s+0\.6\s");   // rank 0's last loss, 1.0 - 40 × 0.01
        screen.ShouldMatch(@"loss\s+train\s+1\s+0\.85\s");  // rank 1 stopped at step 15
        screen.ShouldContain("▁");                          // the sparkline
        screen.ShouldMatch(@"1\s+\S*debug_rank1_run\.log.*STALLED");
        screen.ShouldNotMatch(@"0\s+\S*debug_rank0_run\.log.*STALLED");
        stop.Cancel();
        await writer;

        Tmux("send-keys", "-t", _session, "q").ShouldBe(0);
        var after = WaitForScreen(s => s.Contains("EXITED-"), TimeSpan.FromSeconds(15));
        after.ShouldContain("EXITED-0");
        after.ShouldNotContain("Findings and notices"); // the alternate screen is gone
        after.ShouldContain("trainscope watch: stopped after");
    }

    private string WaitForScreen(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Capture();
            if (condition(screen))
            {
                return screen;
            }

            Thread.Sleep(200);
        }

        throw new ShouldAssertException($"the screen never showed what was expected; last screen:\n{screen}");
    }

    private string Capture()
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "capture-pane", "-p", "-t", _session })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    private static int Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
