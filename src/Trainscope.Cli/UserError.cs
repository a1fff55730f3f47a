namespace Trainscope.Cli;

/// <summary>A problem the user can fix (bad path, bad option): printed without a stack trace, with its exit code.</summary>
public sealed class UserError : Exception
{
    public UserError(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
