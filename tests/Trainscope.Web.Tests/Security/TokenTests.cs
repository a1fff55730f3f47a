using System.Net;
using System.Net.Http.Headers;
using Trainscope.Web.Security;
using Trainscope.Web.Tests.Support;

namespace Trainscope.Web.Tests.Security;

public sealed class TokenTests
{
    private const string Token = "s3cret-token";

    [Theory]
    [InlineData("/api/runs")]
    [InlineData("/api/events")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task Requests_without_the_token_are_refused(string path)
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5), token: Token);
        var response = await served.Client().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_in_the_header_and_the_query()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5), token: Token);
        var client = served.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/runs?token=s3cret")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_bearer_header_opens_the_api()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5), token: Token);
        var client = served.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_query_token_opens_the_event_stream_and_sets_a_cookie_for_the_page()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5), token: Token);
        var client = served.Client();
        using var events = await client.GetAsync($"/api/events?token={Token}", HttpCompletionOption.ResponseHeadersRead);
        events.StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await client.GetAsync($"/api/runs?token={Token}");
        var cookie = page.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith($"{AccessToken.CookieName}={Token}");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
    }

    [Fact]
    public async Task Without_a_token_only_loopback_host_names_are_answered()
    {
        await using var served = await ServedRun.Start(EpochLog.Lines(0, 5));
        var client = served.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = "attacker.example";

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
    }

    [Fact]
    public void Tokens_compare_whole_values_only()
    {
        var token = new AccessToken("abc");

        token.Matches("abc").ShouldBeTrue();
        token.Matches("ab").ShouldBeFalse();
        token.Matches("abcd").ShouldBeFalse();
        token.Matches("").ShouldBeFalse();
        token.Matches(null).ShouldBeFalse();
    }

    [Fact]
    public void Generated_tokens_are_long_random_and_url_safe()
    {
        var a = AccessToken.Generate();
        var b = AccessToken.Generate();

        a.ShouldNotBe(b);
        a.Length.ShouldBeGreaterThanOrEqualTo(40);
        a.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
    }
}
