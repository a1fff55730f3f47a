using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainscope.Web.Api;

/// <summary>
/// Serialisation code for every API body, generated at compile time so the server needs no reflection (and runs
/// trimmed or Native AOT). The options match those set for the HTTP endpoints in <see cref="DashboardServer"/>,
/// which the events use when they are serialised here once for all subscribers.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunList))]
[JsonSerializable(typeof(RunDetail))]
[JsonSerializable(typeof(FindingList))]
[JsonSerializable(typeof(WindowEntry))]
[JsonSerializable(typeof(ExcerptEntry))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(HelloEvent))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(FindingEvent))]
public sealed partial class DashboardJsonContext : JsonSerializerContext;
