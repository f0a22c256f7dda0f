using Esia.Protocol.Crypto;

namespace MockEsia.Tokens;

/// <summary>
/// The mock ESIA's token-signing keys. Key objects are built once and kept (verification with a fresh key object
/// costs several times more). The active GOST key can be switched to the "next" one for rotation drills; which
/// certificates are published in <c>/public/esia.zip</c> is tracked separately, so a drill can publish first and
/// switch later, as ESIA did in 2024.
/// </summary>
public sealed class SigningKeys
{
    private readonly Lock _lock = new();
    private EsiaCredential _activeGost;
    private bool _nextPublished;

    /// <summary>Creates the key set.</summary>
    public SigningKeys(EsiaCredential gost, EsiaCredential nextGost, EsiaCredential rsa)
    {
        Gost = gost;
        NextGost = nextGost;
        Rsa = rsa;
        _activeGost = gost;
    }

    /// <summary>The configured GOST key.</summary>
    public EsiaCredential Gost { get; }

    /// <summary>The GOST key for the next rotation.</summary>
    public EsiaCredential NextGost { get; }

    /// <summary>The RSA key (RS256).</summary>
    public EsiaCredential Rsa { get; }

    /// <summary>A GOST key that no esia.zip ever publishes: for "signed by an unknown key" faults.</summary>
    public EsiaCredential Rogue => RogueKey.Value;

    private static readonly Lazy<EsiaCredential> RogueKey = new(() => GostKeys.SelfSigned(
        GostKeys.Generate(GostParameterSets.CryptoProXchA), "CN=Unknown signer,O=Not ESIA,C=RU", DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(10)));

    /// <summary>The GOST key tokens are signed with now.</summary>
    public EsiaCredential ActiveGost
    {
        get
        {
            lock (_lock)
            {
                return _activeGost;
            }
        }
    }

    /// <summary>The certificates in <c>/public/esia.zip</c>, with their file names.</summary>
    public IReadOnlyList<(string FileName, EsiaCertificate Certificate)> Published
    {
        get
        {
            lock (_lock)
            {
                var list = new List<(string, EsiaCertificate)> { ("GOST_MOCK.cer", Gost.Certificate), ("RSA_MOCK.cer", Rsa.Certificate) };
                if (_nextPublished || _activeGost == NextGost)
                {
                    list.Add(("GOST_MOCK_NEXT.cer", NextGost.Certificate));
                }

                return list;
            }
        }
    }

    /// <summary>Every certificate the mock may have signed with (to validate its own tokens at <c>/rs</c>).</summary>
    public IReadOnlyList<EsiaCertificate> All => [Gost.Certificate, NextGost.Certificate, Rsa.Certificate];

    /// <summary>The credential for a client's token algorithm.</summary>
    public EsiaCredential For(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.Rsa ? Rsa : ActiveGost;

    /// <summary>Adds the next GOST certificate to <c>esia.zip</c> (step one of a rotation).</summary>
    public void PublishNext()
    {
        lock (_lock)
        {
            _nextPublished = true;
        }
    }

    /// <summary>Signs with the next GOST key from now on (step two).</summary>
    public void SwitchToNext()
    {
        lock (_lock)
        {
            _nextPublished = true;
            _activeGost = NextGost;
        }
    }

    /// <summary>Back to the configured key, next certificate unpublished.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _nextPublished = false;
            _activeGost = Gost;
        }
    }
}
