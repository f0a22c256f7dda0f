using Esia.TestSupport;
using MockEsia.Clients;

namespace MockEsia.Tests.Clients;

/// <summary>
/// The registry remembers a certificate a re-registration removed (a system's certificate change on ESIA's tech portal,
/// esia-protocol.md §1.1; the hash it would be sent with, §4.5), until a reset. ESIA refuses such a request as any hash it
/// does not hold (ESIA-007053, §7.2); the memory only lets MockEsia's diagnosis name the certificate and its removal.
/// </summary>
public class ClientRegistryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ClientRegistration Registration(params string[] certificates) => new ClientDefinition
    {
        ClientId = "MYSYS", Certificates = [.. certificates.Select(c => $"pki/clients/{c}.cer.pem")], RedirectUris = ["http://localhost/cb"],
    }.ToRegistration(Paths.Fixture());

    [Fact]
    public void A_certificate_left_out_of_a_re_registration_is_remembered_as_removed_until_it_comes_back_or_a_reset()
    {
        var registry = new ClientRegistry();
        registry.Put(Registration("client-other", "client-gost256"), At);
        var old = registry.Find("MYSYS")!.Certificates[0];
        registry.Removed("MYSYS", c => c.Streebog256Hex == old.Streebog256Hex).Should().BeNull("nothing was removed yet");

        registry.Put(Registration("client-gost256"), At.AddHours(1));
        var removed = registry.Removed("MYSYS", c => c.Streebog256Hex == old.Streebog256Hex);
        removed!.Certificate.Subject.Should().Be(old.Subject);
        removed.RemovedAt.Should().Be(At.AddHours(1));

        registry.Put(Registration("client-other", "client-gost256"), At.AddHours(2));
        registry.Removed("MYSYS", c => c.Streebog256Hex == old.Streebog256Hex).Should().BeNull("registered again, it is no longer removed");

        registry.Put(Registration("client-gost256"), At.AddHours(3));
        registry.Removed("MYSYS", c => c.Streebog256Hex == old.Streebog256Hex)!.RemovedAt.Should().Be(At.AddHours(3));
        registry.ReplaceAll([Registration("client-gost256")], []);
        registry.Removed("MYSYS", c => c.Streebog256Hex == old.Streebog256Hex).Should().BeNull("a reset forgets");
    }
}
