using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Trainscope.Web.Security;

/// <summary>
/// The bearer token a non-loopback dashboard requires on every request: `Authorization: Bearer T`, `?token=T` (what an
/// EventSource can send), or the cookie set when a page was opened with the token in its address.
/// </summary>
public sealed class AccessToken
{
    public const string CookieName = "trainscope_token";
    private readonly byte[] _expected;

    public AccessToken(string token)
    {
        Value = token;
        _expected = Encoding.UTF8.GetBytes(token);
    }

    public string Value { get; }

    /// <summary>A fresh random token: 32 bytes, URL-safe base64.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool Allows(HttpRequest request, out bool fromQuery)
    {
        fromQuery = false;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(header["Bearer ".Length..]))
        {
            return true;
        }

        if (request.Query.TryGetValue("token", out var query) && query.Count == 1 && Matches(query[0]))
        {
            fromQuery = true;
            return true;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie);
    }

    /// <summary>Compares in constant time, so the response time tells nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(candidate);
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
