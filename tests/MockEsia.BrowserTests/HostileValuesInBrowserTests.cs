using System.Net;
using Esia.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace MockEsia.BrowserTests;

/// <summary>
/// docs/security.md, finding 1: no value a client, a person or a request can set runs as script in MockEsia's pages.
/// Hostile names, redirect URIs and journal values are registered and requested, the dashboard and the start page are
/// opened, every details element expanded and a save button clicked, in a real Chromium; no dialog may open. A
/// client id outside ESIA's mnemonic alphabet is refused at registration.
/// </summary>
public class HostileValuesInBrowserTests
{
    private static readonly string[] Payloads =
    [
        "Y'+alert('XSS:'+document.domain)+'",
        "\"><img src=x onerror=alert('XSS')>",
        "</textarea><script>alert('XSS')</script>",
        "javascript:alert('XSS')",
    ];

    [BrowserFact]
    public async Task Hostile_names_redirect_URIs_and_journal_values_open_no_dialog_and_hostile_ids_are_refused()
    {
        var app = MockEsiaServer.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing"]);
        await app.StartAsync();
        try
        {
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
            var pem = await File.ReadAllTextAsync(TestPki.CertPath("clients/client-other"));
            foreach (var payload in Payloads)
            {
                (await http.PutAsJsonAsync(AdminPaths.Clients, new ClientDefinition { ClientId = payload, CertificatesPem = [pem], RedirectUris = ["http://localhost/"] }))
                    .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a client id outside ESIA's mnemonic alphabet is refused");
            }

            (await http.PutAsJsonAsync(AdminPaths.Clients, new ClientDefinition
            {
                ClientId = "HOSTILE", Name = string.Join(" ", Payloads), CertificatesPem = [pem], RedirectUris = ["http://localhost/cb?x=\"><script>alert(1)</script>", "javascript:alert('XSS')"],
            })).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync(AdminPaths.People, new Person { Oid = 1999999999, FirstName = Payloads[1], LastName = Payloads[2], Login = Payloads[0] })).EnsureSuccessStatusCode();
            foreach (var payload in Payloads)
            {
                var query = string.Join("&", new[] { "client_id", "state", "scope", "redirect_uri", payload }.Select(k => $"{Uri.EscapeDataString(k)}={Uri.EscapeDataString(payload)}"));
                (await http.GetAsync("/aas/oauth2/v2/ac?" + query)).StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Found);
                (await http.PostAsync("/aas/oauth2/v3/te", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "HOSTILE", ["grant_type"] = payload, ["state"] = payload })))
                    .StatusCode.Should().Be(HttpStatusCode.BadRequest);
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
            var page = await browser.NewPageAsync();
            var dialogs = new List<string>();
            page.Dialog += (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                _ = dialog.DismissAsync();
            };

            foreach (var path in new[] { "/", "/__admin/ui", "/__admin/ui?client=" + Uri.EscapeDataString(Payloads[1]), "/aas/oauth2/v2/ac?client_id=" + Uri.EscapeDataString(Payloads[1]) })
            {
                await page.GotoAsync(baseUrl + path);
                await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
                await page.Mouse.MoveAsync(10, 10);
            }

            await page.GotoAsync(baseUrl + "/__admin/ui");
            // The response itself is the barrier: the status line it writes is gone again when the page reloads 400 ms later,
            // which a busy machine can let happen before a poll of the status line sees it.
            var saved = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("save-HOSTILE").ClickAsync(),
                r => r.Url.Contains("/__admin/clients/HOSTILE/settings", StringComparison.Ordinal));
            saved.Status.Should().Be(200, "the button still works");
            dialogs.Should().BeEmpty("no hostile value may run as script");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
