using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
        // Every handler returns typed results, so the request-delegate generator knows each body's type at compile time.
        var api = app.MapGroup("/api");
        api.MapGet("/runs", () => TypedResults.Ok(new RunList(runs.Views.Select(v => RunJson.Brief(v)).ToArray())));
        api.MapGet("/runs/{id:int}", Results<Ok<RunDetail>, NotFound<ApiError>> (int id)
            => runs.Find(id) is { } view ? TypedResults.Ok(RunJson.Detail(view)) : NotFound("no such run"));
        api.MapGet("/runs/{id:int}/findings", Results<Ok<FindingList>, NotFound<ApiError>> (int id) => runs.Find(id) is { } view
            ? TypedResults.Ok(new FindingList(view.Findings.Select(f => FindingJson.Of(f, view)).ToArray()))
            : NotFound("no such run"));
        api.MapGet("/runs/{id:int}/series/{series:int}", Results<Ok<WindowEntry>, NotFound<ApiError>, BadRequest<ApiError>> (int id, int series, string? axis, double? from, double? to, int? points) =>
        {
            if (runs.Find(id) is not { } view)
            {
                return NotFound("no such run");
            }

            if (!TryAxis(axis, out var seriesAxis))
            {
                return TypedResults.BadRequest(new ApiError("axis must be step, epoch or time"));
            }

            var window = view.Store.Window(series, seriesAxis, from ?? double.NegativeInfinity, to ?? double.PositiveInfinity, points ?? DefaultPoints);
            return window is null ? NotFound("no such series") : TypedResults.Ok(RunJson.Window(series, seriesAxis, window));
        });
        api.MapGet("/runs/{id:int}/excerpt", Results<Ok<ExcerptEntry>, NotFound<ApiError>> (int id, int source, long line, int? context) =>
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
                : TypedResults.Ok(new ExcerptEntry(source, info.DisplayPath, line, lines.Select(l => new ExcerptLine(l.Number, l.Text)).ToArray()));
        });
        api.MapGet("/events", (HttpContext context) => TypedResults.ServerSentEvents(Events(runs, context.RequestAborted)));
    }

    // Event data is JSON serialised once when published, so it goes out as text to every subscriber.
    private static async IAsyncEnumerable<SseItem<string>> Events(DashboardRuns runs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in runs.Subscribe(cancellationToken).ConfigureAwait(false))
        {
            yield return new SseItem<string>(item.Data, item.Type);
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

    private static NotFound<ApiError> NotFound(string error) => TypedResults.NotFound(new ApiError(error));
}
