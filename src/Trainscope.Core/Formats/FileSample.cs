using System.Text;

namespace Trainscope.Formats;

/// <summary>The name and first bytes of a file, for formats to judge whether it is theirs.</summary>
public sealed class FileSample
{
    private string[]? _lines;

    public FileSample(string fileName, ReadOnlyMemory<byte> head, bool headIsWholeFile)
    {
        FileName = fileName;
        Head = head;
        HeadIsWholeFile = headIsWholeFile;
    }

    /// <summary>File name without directories.</summary>
    public string FileName { get; }

    /// <summary>The first bytes of the file (64 KiB by default).</summary>
    public ReadOnlyMemory<byte> Head { get; }

    public bool HeadIsWholeFile { get; }

    /// <summary>The head decoded and split on `\n` and `\r`, without a last partial line, for sniffing (not a hot path).</summary>
    public IReadOnlyList<string> Lines => _lines ??= SplitLines();

    private string[] SplitLines()
    {
        var text = Encoding.UTF8.GetString(Head.Span);
        var lines = text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (!HeadIsWholeFile && lines.Length > 1 && !text.EndsWith('\n'))
        {
            // The last line was cut by the sample size.
            return lines[..^1];
        }

        return lines;
    }
}
