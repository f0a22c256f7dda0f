using System.Net;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Security;

/// <summary>
/// docs/security.md, finding 4: no 5xx, no raw character in <c>Location</c>, and no code issued and lost, whatever the redirect URI
/// holds. A redirect URI MockEsia cannot redirect to gets ESIA's code for one it will not use, ESIA-007023 (reference §3.3, §7.2).
/// </summary>
public class HostileRedirectTests
{
    public static TheoryData<string, string> Malformed() => new()
    {
        { "http://localhost:8080/cb\r\nSet-Cookie: x=1", "U+000D" },
        { "http://localhost:8080/cb\n", "U+000A" },
        { "http://localhost:8080/c\0b", "U+0000" },
        { "http://localhost:8080/cb\t", "U+0009" },
        { "http://localhost:8080/cb ", "white space" },
        { " http://localhost:8080/cb", "white space" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_redirect_uri_with_control_characters_or_white_space_is_refused_with_ESIA_007023_and_a_diagnosis(string redirectUri, string named)
    {
        await using var host = await MockEsiaHost.StartAsync();
        var requests = new EsiaRequests();
        var response = await host.Client().GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(host.Clock.GetUtcNow(), redirectUri: redirectUri)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull("nothing is redirected to");
        (await response.Content.ReadAsStringAsync()).Should().Contain("ESIA-007023");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain(named).And.Contain("Fix:");
    }

    [Fact]
    public async Task A_Cyrillic_redirect_path_is_redirected_to_percent_encoded_with_the_code_after_consent()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var requests = new EsiaRequests();
        const string redirect = "http://localhost:8080/вход/есиа?тема=да";
        var response = await new Browser(host.Client()).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(host.Clock.GetUtcNow(), redirectUri: redirect)));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.Should().StartWith("http://localhost:8080/%D0%B2%D1%85%D0%BE%D0%B4/").And.Contain("code=").And.Match(l => l.All(char.IsAscii));
    }

    [Theory]
    [InlineData("http%3A%2F%2Flocalhost%3A8080%2F%0D%0ASet-Cookie%3Ax")]
    [InlineData("http%3A%2F%2Flocalhost%3A8080%2F%D0%B2%D1%8B%D1%85%D0%BE%D0%B4")]
    [InlineData("http%3A%2F%2Flocalhost%3A8080%2F%09")]
    public async Task The_logout_redirect_url_never_answers_5xx(string redirectUrl)
    {
        await using var host = await MockEsiaHost.StartAsync();
        var response = await host.Client().GetAsync($"/idp/ext/Logout?client_id=MOCKSYS&redirect_url={redirectUrl}");
        ((int)response.StatusCode).Should().BeLessThan(500);
        if (response.Headers.Location is { } location)
        {
            location.OriginalString.Should().Match(l => l.All(c => char.IsAscii(c) && !char.IsControl(c) && c != ' '));
        }
    }
}
