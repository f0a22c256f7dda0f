using System.Net;
using Esia.TestSupport;

namespace Esia.Client.Tests;

/// <summary>The sample app on Esia.Client against MockEsia, over real HTTP: every step, every defect.</summary>
public class ReferenceAppTests : IClassFixture<LoopbackStack>, IAsyncLifetime
{
    private readonly LoopbackStack _stack;
    private readonly LoopbackBrowser _browser = new();

    public ReferenceAppTests(LoopbackStack stack) => _stack = stack;

    public async Task InitializeAsync() => await _stack.ResetAsync();

    public Task DisposeAsync()
    {
        _browser.Dispose();
        return Task.CompletedTask;
    }

    private async Task<bool> SignedInAsync() => (await _browser.SendAsync(HttpMethod.Get, _stack.App("/me"))).StatusCode == HttpStatusCode.OK;

    private IReadOnlyList<JournalEntry> Journal(string endpoint) => _stack.Control.Journal.Query(new JournalQuery { Endpoint = endpoint });

    private async Task<string> LoginAsync(bool grant = true)
    {
        var response = await _browser.LoginAsync(_stack.App("/login"), grant: grant);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_person_signs_in_and_the_profile_comes_from_the_REST_API()
    {
        var home = await LoginAsync();
        home.Should().Contain("data-testid=\"oid\">1000000001");
        (await SignedInAsync()).Should().BeTrue();
        var profile = await (await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"))).Content.ReadAsStringAsync();
        profile.Should().Contain("Фамилия001 Имя001 Отчество001");
        Journal("rs").Should().ContainSingle().Which.Status.Should().Be(200);
        var ac = Journal("v2/ac").Single();
        var te = Journal("v3/te").Single();
        te.Parameters["state"].Should().NotBe(ac.Parameters["state"], "the token request uses a new state");
        te.Checks.Should().Contain(c => c.Name == "client_secret" && c.Passed);
    }

    [Fact]
    public async Task Each_login_gets_a_fresh_state()
    {
        var first = await _browser.SendAsync(HttpMethod.Get, _stack.App("/login"));
        var second = await _browser.SendAsync(HttpMethod.Get, _stack.App("/login"));
        static string State(HttpResponseMessage r) => System.Web.HttpUtility.ParseQueryString(r.Headers.Location!.Query)["state"]!;
        State(first).Should().NotBe(State(second));
        Guid.TryParse(State(first), out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_refusal_leaves_the_person_signed_out_with_the_reason()
    {
        var home = await LoginAsync(grant: false);
        home.Should().Contain("data-testid=\"error\"").And.Contain("AccessDenied ESIA-007004");
        (await SignedInAsync()).Should().BeFalse();
        Journal("v3/te").Should().BeEmpty();
    }

    [Theory]
    [InlineData(FaultKind.BadSignature)]
    [InlineData(FaultKind.UnknownKey)]
    [InlineData(FaultKind.WrongIssuer)]
    [InlineData(FaultKind.WrongAudience)]
    [InlineData(FaultKind.Expired)]
    [InlineData(FaultKind.NotYetValid)]
    [InlineData(FaultKind.WrongSubject)]
    [InlineData(FaultKind.AlgSwapped)]
    [InlineData(FaultKind.AlgNone)]
    public async Task Every_token_defect_is_rejected_and_no_REST_call_is_made(FaultKind kind)
    {
        foreach (var target in new[] { FaultTarget.Access, FaultTarget.Id })
        {
            _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = kind, Target = target });
            var home = await LoginAsync();
            home.Should().Contain("InvalidToken", $"{kind} on the {target} token");
            (await SignedInAsync()).Should().BeFalse();
            (await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        Journal("rs").Should().BeEmpty();
    }

    [Theory]
    [InlineData(FaultKind.MissingIdToken)]
    [InlineData(FaultKind.MissingRefreshToken)]
    [InlineData(FaultKind.Html500)]
    public async Task Incomplete_or_broken_token_responses_are_refused(FaultKind kind)
    {
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = kind });
        var home = await LoginAsync();
        home.Should().Contain("data-testid=\"error\"");
        (await SignedInAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task An_ESIA_error_at_ac_or_te_is_shown_and_nothing_else_is_called()
    {
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Authorize, Kind = FaultKind.Error, ErrorCode = "ESIA-007008" });
        (await LoginAsync()).Should().Contain("Unavailable ESIA-007008");
        Journal("v3/te").Should().BeEmpty();
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011" });
        (await LoginAsync()).Should().Contain("InvalidGrant ESIA-007011");
        (await SignedInAsync()).Should().BeFalse();
        Journal("rs").Should().BeEmpty();
    }

    [Fact]
    public async Task An_expiring_access_token_is_refreshed_with_rotation_before_the_REST_call()
    {
        await LoginAsync();
        for (var round = 0; round < 2; round++)
        {
            _stack.Control.Clock.Advance(TimeSpan.FromSeconds(3570));
            var profile = await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"));
            profile.StatusCode.Should().Be(HttpStatusCode.OK, $"round {round}");
        }

        var refreshes = Journal("v3/te").Where(e => e.Parameters["grant_type"] == "refresh_token").ToArray();
        refreshes.Should().HaveCount(2).And.OnlyContain(e => e.Succeeded);
        refreshes[0].Parameters["refresh_token"].Should().NotBe(refreshes[1].Parameters["refresh_token"], "the rotated refresh token is used, never the old one");
        Journal("rs").Should().HaveCount(2).And.OnlyContain(e => e.Status == 200);
    }

    [Fact]
    public async Task A_refreshed_id_token_about_another_person_ends_the_session()
    {
        await LoginAsync();
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.RefreshIdTokenOtherSubject, GrantType = "refresh_token" });
        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(3601));
        var profile = await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"));
        profile.StatusCode.Should().Be(HttpStatusCode.Redirect, "the refresh is rejected and the person is sent to ESIA again");
        (await SignedInAsync()).Should().BeFalse();
        Journal("rs").Should().BeEmpty();
    }

    [Fact]
    public async Task A_401_from_REST_gets_one_refresh_and_one_retry()
    {
        await LoginAsync();
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Rest, Kind = FaultKind.Unauthorized });
        (await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"))).StatusCode.Should().Be(HttpStatusCode.OK);
        Journal("rs").Select(e => e.Status).Reverse().Should().Equal(401, 200);
        Journal("v3/te").Count(e => e.Parameters["grant_type"] == "refresh_token").Should().Be(1);
    }

    [Fact]
    public async Task A_failed_refresh_ends_the_session_and_sends_the_person_to_ESIA()
    {
        await LoginAsync();
        await _stack.Control.RevokeRefreshTokensAsync(1000000001);
        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(3601));
        var profile = await _browser.SendAsync(HttpMethod.Get, _stack.App("/profile"));
        profile.StatusCode.Should().Be(HttpStatusCode.Redirect);
        profile.Headers.Location!.AbsolutePath.Should().Be("/aas/oauth2/v2/ac");
        (await SignedInAsync()).Should().BeFalse();
        Journal("rs").Should().BeEmpty();
    }

    [Fact]
    public async Task A_certificate_rotation_keeps_people_signing_in_with_two_trusted_certificates()
    {
        _stack.Control.Keys.PublishNext();
        _stack.Control.Keys.SwitchToNext();
        await LoginAsync();
        (await SignedInAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Logout_goes_through_ESIA_and_ends_both_sessions()
    {
        await LoginAsync();
        var back = await _browser.FollowAsync(_stack.App("/logout"));
        _browser.Hops.Should().Contain(h => h.AbsolutePath == "/idp/ext/Logout" && h.Query.Contains("client_id=MOCKSYS") && h.Query.Contains("redirect_url="));
        (await back.Content.ReadAsStringAsync()).Should().Contain("Вы не вошли");
        (await SignedInAsync()).Should().BeFalse();
        var again = await _browser.FollowAsync(_stack.App("/login"));
        _browser.Current!.AbsolutePath.Should().Be("/aas/oauth2/login", "ESIA's SSO session ended too");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_callback_with_a_foreign_or_missing_state_signs_nobody_in()
    {
        foreach (var query in new[] { $"?code=x&state={Guid.NewGuid()}", "?code=x", "?error=access_denied&state=nope" })
        {
            var response = await _browser.FollowAsync(_stack.App("/signin-esia" + query));
            (await response.Content.ReadAsStringAsync()).Should().Contain("StateMismatch");
        }

        (await SignedInAsync()).Should().BeFalse();
        Journal("v3/te").Should().BeEmpty();
    }

    [Fact]
    public async Task Replaying_the_callback_does_not_sign_in_again()
    {
        await LoginAsync();
        var callback = _browser.Hops.Last(h => h.AbsolutePath == "/signin-esia");
        await _browser.FollowAsync(_stack.App("/logout"));
        var replay = await _browser.FollowAsync(callback);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("StateMismatch");
        (await SignedInAsync()).Should().BeFalse();
        Journal("v3/te").Should().ContainSingle("the replayed code never reaches te");
    }
}
