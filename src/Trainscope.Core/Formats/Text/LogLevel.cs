namespace Trainscope.Formats.Text;

/// <summary>Severity written in a line's prefix.</summary>
public enum LogLevel : byte
{
    None,
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}
