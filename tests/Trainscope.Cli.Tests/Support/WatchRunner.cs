using System.Text;
using Spectre.Console;
using Trainscope.Cli;

namespace Trainscope.Tests.Support;

/// <summary>Runs `trainscope watch` in-process on its own thread with captured output, and stops it as Ctrl-C would.</summary>
public sealed class WatchRunner : IDisposable
{
    private readonly SharedOutput _stdout = new();
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _exitCode = -1;

    public WatchRunner(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var io = new CliIo(console, _stdout, TextWriter.Synchronized(_error)) { Stop = _stop.Token, LineFormats = [new KeyValueFormat()] };
        _thread = new Thread(() => _exitCode = TrainscopeApp.Run(["watch", .. args], io)) { IsBackground = true };
        _thread.Start();
    }

    public string Output => _stdout.Text;

    public string Error => _error.ToString();

    public IEnumerable<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Waits until the output satisfies <paramref name="condition"/>; false on timeout.</summary>
    public bool WaitFor(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Output))
            {
                return true;
            }

            if (!_thread.IsAlive)
            {
                return condition(Output);
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>Stops the watch and returns its exit code.</summary>
    public int Stop()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(30)).ShouldBeTrue("watch did not stop");
        return _exitCode;
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }

        _stop.Dispose();
    }

    /// <summary>A stream the command writes while the test reads.</summary>
    private sealed class SharedOutput : Stream
    {
        private readonly MemoryStream _buffer = new();

        public string Text
        {
            get
            {
                lock (_buffer)
                {
                    return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
                }
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_buffer)
            {
                _buffer.Write(buffer, offset, count);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
