using System.Diagnostics;
using System.Text.Json;
using Trainscope.Analysis;
using Trainscope.Reporting;

namespace Trainscope.Cli.Commands;

/// <summary>
/// Remembers which findings were already announced during `watch`, and runs `--exec` for each new one at or above
/// `--alert-on`, with the finding as JSON on stdin. A command that fails is reported, never fatal.
/// </summary>
internal sealed class FindingAlerts
{
    private static readonly TimeSpan ExecTimeout = TimeSpan.FromSeconds(30);
    private readonly string? _command;
    private readonly Severity _threshold;
    private readonly TextWriter _error;
    private readonly HashSet<(string, int?, string?, string?, long?)> _seen = [];
    private readonly List<Task> _running = [];

    public FindingAlerts(string? command, Severity threshold, TextWriter error)
    {
        _command = command;
        _threshold = threshold;
        _error = error;
    }

    /// <summary>Every finding announced so far, newest last.</summary>
    public List<(DateTime At, string Run, Finding Finding)> Announced { get; } = [];

    /// <summary>Returns the findings not seen before and runs the command for those that call for it.</summary>
    public IReadOnlyList<Finding> Consider(string run, IEnumerable<Finding> findings)
    {
        var fresh = new List<Finding>();
        foreach (var f in findings)
        {
            // Stalls from different checks (wall clock here, log timestamps in the distributed analysis) are one alarm.
            var key = f.Rule == Following.StallCheck.Rule ? (f.Rule, f.Rank, run, null, null) : (f.Rule, f.Rank, f.Metric, f.Phase?.ToString(), f.FromStep);
            if (!_seen.Add(key))
            {
                continue;
            }

            fresh.Add(f);
            Announced.Add((DateTime.Now, run, f));
            if (_command is not null && f.Severity >= _threshold)
            {
                lock (_running)
                {
                    _running.Add(Task.Run(() => Execute(_command, f)));
                }
            }
        }

        return fresh;
    }

    /// <summary>Forgets a stall so it alarms again if the rank stalls again after resuming.</summary>
    public void Forget(string run, int? rank) => _seen.Remove((Following.StallCheck.Rule, rank, run, null, null));

    /// <summary>Waits (a bounded time) for commands still running, so alerts fired just before quitting are delivered.</summary>
    public void Drain()
    {
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        Task.WaitAll(running, ExecTimeout);
    }

    private void Execute(string command, Finding finding)
    {
        try
        {
            using var json = new MemoryStream();
            using (var writer = new Utf8JsonWriter(json))
            {
                FindingJson.Write(writer, finding);
            }

            var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh")
            {
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
            start.ArgumentList.Add(command);
            start.Environment["TRAINSCOPE_RULE"] = finding.Rule;
            start.Environment["TRAINSCOPE_SEVERITY"] = finding.Severity.ToString().ToLowerInvariant();
            start.Environment["TRAINSCOPE_RANK"] = finding.Rank?.ToString() ?? "";
            using var process = Process.Start(start)!;
            process.StandardInput.BaseStream.Write(json.ToArray());
            process.StandardInput.BaseStream.WriteByte((byte)'\n');
            process.StandardInput.Close();
            if (!process.WaitForExit(ExecTimeout))
            {
                process.Kill(entireProcessTree: true);
                Report($"--exec for {finding.Rule} did not finish within {ExecTimeout.TotalSeconds:0} s and was stopped");
            }
            else if (process.ExitCode != 0)
            {
                Report($"--exec for {finding.Rule} exited with {process.ExitCode}");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            Report($"--exec for {finding.Rule} could not run: {e.Message}");
        }
    }

    private void Report(string message)
    {
        lock (_error)
        {
            _error.WriteLine($"trainscope: {message}");
        }
    }
}
