using Microsoft.AspNetCore.Mvc.Testing;

namespace MyApp.Tests;

/// <summary>The app under test, configured for the ESIA at <paramref name="esia"/> with MockEsia's bundled test system MOCKSYS.</summary>
public sealed class AppFactory(Uri esia, string certificate, string key, string esiaCertificate) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Esia:Url", esia.ToString());
        builder.UseSetting("Esia:ClientId", "MOCKSYS");
        builder.UseSetting("Esia:RedirectUri", "http://localhost/signin-esia");
        builder.UseSetting("Esia:CertificatePath", certificate);
        builder.UseSetting("Esia:KeyPath", key);
        builder.UseSetting("Esia:TrustedCertificates:0", esiaCertificate);
    }
}
