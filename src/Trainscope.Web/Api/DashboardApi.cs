using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Trainscope.Web.Live;
using Trainscope.Web.Security;
using Trainscope.Web.Series;

namespace Trainscope.Web.Api;

/// <summary>The `/api` endpoints (documented in docs/api.md).</summary>
public static class DashboardApi
{
    public const int DefaultPoints = 1000;

    public static void Map(IEndpointRouteBuilder app, DashboardRuns runs)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/runs", () => TypedResults.Ok(new { runs = runs.Views.Select(v => RunJson.Brief(v)).ToArray() }));
        api.MapGet("/runs/{id:int}", (int id) => runs.Find(id) is { } view ? Results.Ok(RunJson.Detail(view)) : NotFound("no such run"));
        api.MapGet("/runs/{id:int}/findings", (int id) => runs.Find(id) is { } view
            ? Results.Ok(new { findings = view.Findings.Select(f => FindingJson.Of(f, view)).ToArray() })
            : NotFound("no such run"));
        api.MapGet("/runs/{id:int}/series/{series:int}", (int id, int series, string? axis, double? from, double? to, int? points) =>
        {
            if (runs.Find(id) is not { } view)
            {
                return NotFound("no such run");
            }

            if (!TryAxis(axis, out var seriesAxis))
            {
                return Results.BadRequest(new { error = "axis must be step, epoch or time" });
            }

            var window = view.Store.Window(series, seriesAxis, from ?? double.NegativeInfinity, to ?? double.PositiveInfinity, points ?? DefaultPoints);
            return window is null ? NotFound("no such series") : Results.Ok(RunJson.Window(series, seriesAxis, window));
        });
        api.MapGet("/runs/{id:int}/excerpt", (int id, int source, long line, int? context) =>
        {
            if (runs.Find(id) is not { } view)
            {
                return NotFound("no such run");
            }

            if (source < 0 || source >= view.Sources.Count)
            {
                return NotFound("no such source");
            }

            var info = view.Sources[source];
            var lines = SourceExcerpt.Read(info, runs.Roots, line, context ?? 5);
            return lines is null
                ? NotFound("line not readable")
                : Results.Ok(new { source, path = info.DisplayPath, line, lines = lines.Select(l => new { n = l.Number, text = l.Text }).ToArray() });
        });
        api.MapGet("/events", (HttpContext context) => TypedResults.ServerSentEvents(Events(runs, context.RequestAborted)));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(DashboardRuns runs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in runs.Subscribe(cancellationToken).ConfigureAwait(false))
        {
            yield return new SseItem<object>(item.Data, item.Type);
        }
    }

    private static bool TryAxis(string? text, out SeriesAxis axis)
    {
        axis = SeriesAxis.Step;
        switch (text)
        {
            case null or "" or "step":
                return true;
            case "epoch":
                axis = SeriesAxis.Epoch;
                return true;
            case "time":
                axis = SeriesAxis.Time;
                return true;
            default:
                return false;
        }
    }

    private static IResult NotFound(string error) => Results.NotFound(new { error });
}
