using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Trainscope.Web.Api;
using Trainscope.Web.Live;
using Trainscope.Web.Security;

namespace Trainscope.Web;

/// <summary>What `trainscope serve` was asked to do, after the command line was checked.</summary>
/// <param name="Token">Required on every request when set; the caller generates one for non-loopback addresses.</param>
/// <param name="StaticRoot">Serve the front end from this folder (development) instead of the embedded copy.</param>
public sealed record DashboardSettings(string Host, int Port, string? Token, string? StaticRoot = null);

/// <summary>Builds the dashboard's web application: security headers and token check, the `/api` endpoints, and the front end.</summary>
public static class DashboardServer
{
    /// <summary>Content-Security-Policy of every response: nothing but our own files, no inline script, no framing.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    public static WebApplication Build(DashboardRuns runs, DashboardSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJsonContext.Default);
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (settings.Host is "localhost")
            {
                k.ListenLocalhost(settings.Port);
            }
            else
            {
                k.Listen(IPAddress.Parse(settings.Host), settings.Port);
            }
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        var token = settings.Token is { Length: > 0 } t ? new AccessToken(t) : null;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (token is null && !IsLoopbackHost(context.Request.Host.Host))
            {
                // Without a token only local names are answered, so a page elsewhere cannot reach us by DNS rebinding.
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }

            if (token is not null)
            {
                if (!token.Allows(context.Request, out var fromQuery))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    headers.WWWAuthenticate = "Bearer";
                    return;
                }

                if (fromQuery)
                {
                    // Pages opened with ?token= get it as a cookie, so their scripts, styles and fetches pass too.
                    context.Response.Cookies.Append(AccessToken.CookieName, token.Value, new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Strict,
                        Path = "/",
                    });
                }
            }

            await next(context);
        });

        var files = FrontendFiles(settings.StaticRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        DashboardApi.Map(app, runs);
        return app;
    }

    /// <summary>The built front end: from disk when asked (development), else embedded in this assembly under `wwwroot/`.</summary>
    public static IFileProvider FrontendFiles(string? staticRoot)
    {
        if (staticRoot is not null)
        {
            return new PhysicalFileProvider(Path.GetFullPath(staticRoot));
        }

        try
        {
            return new ManifestEmbeddedFileProvider(typeof(DashboardServer).Assembly, "wwwroot");
        }
        catch (InvalidOperationException)
        {
            return new NullFileProvider();
        }
    }

    public static bool IsLoopbackHost(string host)
        => host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
