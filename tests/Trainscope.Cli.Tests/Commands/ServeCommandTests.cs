using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Trainscope.Cli;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        var result = CliRunner.Run("serve", "/no/such/run", "--port", "0");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldContain("no such file or directory");
    }

    [Fact]
    public void A_host_that_is_not_an_address_is_a_usage_error()
    {
        var result = CliRunner.Run("serve", CliRunner.Sample("lora-hf"), "--host", "example.com", "--port", "0");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldContain("--host");
    }

    [Fact]
    public async Task Serve_prints_its_address_answers_the_api_and_stops_cleanly()
    {
        var (code, url, stop) = Start("--port", "0");
        using var client = new HttpClient();
        var runs = JsonDocument.Parse(await client.GetStringAsync($"{url}/api/runs")).RootElement.GetProperty("runs");
        runs.GetArrayLength().ShouldBe(1);
        stop.Cancel();
        (await code).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Serve_beyond_loopback_generates_a_token_and_prints_it()
    {
        var (code, url, stop) = Start("--host", "0.0.0.0", "--port", "0");
        url.ShouldContain("?token=");
        var token = Uri.UnescapeDataString(url[(url.IndexOf("?token=", StringComparison.Ordinal) + 7)..]);
        var port = new Uri(url).Port;
        using var client = new HttpClient();
        (await client.GetAsync($"http://127.0.0.1:{port}/api/runs")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync($"http://127.0.0.1:{port}/api/runs")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        stop.Cancel();
        (await code).ShouldBe(ExitCodes.Ok);
    }

    private static (Task<int> Code, string Url, CancellationTokenSource Stop) Start(params string[] options)
    {
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = new SyncedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No });
        var io = new CliIo(console, new MemoryStream(), error) { Stop = stop.Token };
        string[] args = ["serve", Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "epoch-progress", "train_ddp_en.log"), .. options];
        var code = Task.Run(() => TrainscopeApp.Run(args, io));
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && !code.IsCompleted)
        {
            var text = error.Text;
            var at = text.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf('\n', at) is var end and > 0)
            {
                return (code, text[at..end].Trim(), stop);
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException("serve printed no address: " + error.Text);
    }

    /// <summary>stderr written by the serving thread and read by the test.</summary>
    private sealed class SyncedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }
        }
    }
}
