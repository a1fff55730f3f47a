using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Trainscope.Web.Api;

namespace Trainscope.Web.Live;

/// <summary>One server-sent event: a run's new points and status (`run`) or a new finding (`finding`).</summary>
/// <param name="Data">The payload as JSON text (see docs/api.md), serialised once for every subscriber.</param>
public sealed record DashboardEvent(string Type, string Data)
{
    public static DashboardEvent Hello(int runs) => Of("hello", new HelloEvent(runs), DashboardJsonContext.Default.HelloEvent);

    public static DashboardEvent Run(RunEvent run) => Of("run", run, DashboardJsonContext.Default.RunEvent);

    public static DashboardEvent Finding(FindingEvent finding) => Of("finding", finding, DashboardJsonContext.Default.FindingEvent);

    private static DashboardEvent Of<T>(string type, T data, JsonTypeInfo<T> typeInfo) => new(type, JsonSerializer.Serialize(data, typeInfo));
}
