namespace Trainscope.Analysis;

/// <summary>How much a finding matters. Ordered: a threshold compares with &gt;=.</summary>
public enum Severity : byte
{
    Info,
    Warning,
    Error,
}
