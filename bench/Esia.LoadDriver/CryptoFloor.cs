using System.Diagnostics;
using System.Text;
using Esia.Protocol.Crypto;

namespace Esia.LoadDriver;

/// <summary>
/// The cryptography of one login as the server does it — two GOST verifications (v2/ac and v3/te) and three GOST
/// signatures (code, access token, id token) — with one implementation, in ms per login on each of the threads
/// running at once. On this machine two threads do not run twice as fast as one, so the floor "on 2 cores" is
/// measured on 2 cores, not computed from one.
/// </summary>
public static class CryptoFloor
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes(
        "MOCKHEADLESSopenid fullname email2026.11.29 10:00:00 +030046c3e6a2-9d8b-4a4f-9e3b-2a7b1c0d9e8fhttp://localhost:8080/signin-esia");

    /// <summary>Milliseconds per login on each of <paramref name="threads"/> threads.</summary>
    public static double Measure(EsiaCredential client, EsiaCredential esia, int threads, GostImplementation implementation)
    {
        var signer = esia.WithSigning(implementation);
        var key = client.Certificate.PublicKey;
        var signature = client.Sign(Message);
        void Login()
        {
            RawSignature.Verify(key, KeyAlgorithm.Gost2012_256, Message, signature, implementation);
            RawSignature.Verify(key, KeyAlgorithm.Gost2012_256, Message, signature, implementation);
            signer.Sign(Message);
            signer.Sign(Message);
            signer.Sign(Message);
        }

        for (var i = 0; i < 20; i++)
        {
            Login();
        }

        var n = implementation == GostImplementation.Fast ? 600 : 120;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < n; i++)
            {
                Login();
            }
        });
        return watch.Elapsed.TotalMilliseconds / n;
    }
}
