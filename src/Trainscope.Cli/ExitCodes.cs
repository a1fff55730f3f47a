namespace Trainscope.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>`check`: a finding at or above `--fail-on` fired.</summary>
    public const int FindingsFailed = 1;

    /// <summary>Bad usage or an unreadable path.</summary>
    public const int Usage = 2;

    /// <summary>Nothing recognisable in the input.</summary>
    public const int NothingRecognised = 3;
}
