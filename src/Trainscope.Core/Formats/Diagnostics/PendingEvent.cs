using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Diagnostics;

/// <summary>An event whose line has passed but which waits for a later line to complete it.</summary>
internal sealed class PendingEvent
{
    private PendingEvent(LogEvent template) => Template = template;

    public LogEvent Template { get; }

    public long Line => Template.Line;

    public static PendingEvent From(in DiagnosticLine line, EventKind kind, string name, IReadOnlyDictionary<string, string>? attributes = null)
        => new(line.Event(kind, name, null, attributes));

    public LogEvent ToEvent(double? value, IReadOnlyDictionary<string, string>? attributes = null) => new()
    {
        Kind = Template.Kind,
        Source = Template.Source,
        Line = Template.Line,
        Offset = Template.Offset,
        Rank = Template.Rank,
        Timestamp = Template.Timestamp,
        Text = Template.Text,
        Name = Template.Name,
        Value = value ?? Template.Value,
        Attributes = attributes ?? Template.Attributes,
    };
}
