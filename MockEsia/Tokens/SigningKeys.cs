using Esia.Protocol.Crypto;

namespace MockEsia.Tokens;

/// <summary>
/// The mock ESIA's token-signing keys. Key objects are built once and kept (verification with a fresh key object
/// costs several times more). The active GOST key can be switched to the "next" one for rotation drills; which
/// certificates are published in <c>/public/esia.zip</c> is tracked separately, so a drill can publish first and
/// switch later, as ESIA did in 2024. A rotation rotates the GOST and the RSA key together, so that a drill reaches a
/// client whatever algorithm its tokens are signed with.
/// </summary>
public sealed class SigningKeys
{
    private readonly Lock _lock = new();
    private bool _switched;
    private bool _nextPublished;

    /// <summary>Creates the key set.</summary>
    public SigningKeys(EsiaCredential gost, EsiaCredential nextGost, EsiaCredential rsa, EsiaCredential nextRsa)
    {
        Gost = gost;
        NextGost = nextGost;
        Rsa = rsa;
        NextRsa = nextRsa;
    }

    /// <summary>The configured GOST key.</summary>
    public EsiaCredential Gost { get; }

    /// <summary>The GOST key for the next rotation.</summary>
    public EsiaCredential NextGost { get; }

    /// <summary>The configured RSA key (RS256).</summary>
    public EsiaCredential Rsa { get; }

    /// <summary>The RSA key for the next rotation.</summary>
    public EsiaCredential NextRsa { get; }

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
                return _switched ? NextGost : Gost;
            }
        }
    }

    /// <summary>The RSA key tokens are signed with now.</summary>
    public EsiaCredential ActiveRsa
    {
        get
        {
            lock (_lock)
            {
                return _switched ? NextRsa : Rsa;
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
                if (_nextPublished || _switched)
                {
                    list.Add(("GOST_MOCK_NEXT.cer", NextGost.Certificate));
                    list.Add(("RSA_MOCK_NEXT.cer", NextRsa.Certificate));
                }

                return list;
            }
        }
    }

    /// <summary>Every certificate the mock may have signed with (to validate its own tokens at <c>/rs</c>).</summary>
    public IReadOnlyList<EsiaCertificate> All => [Gost.Certificate, NextGost.Certificate, Rsa.Certificate, NextRsa.Certificate];

    /// <summary>The credential for a client's token algorithm.</summary>
    public EsiaCredential For(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.Rsa ? ActiveRsa : ActiveGost;

    /// <summary>Adds the next GOST and RSA certificates to <c>esia.zip</c> (step one of a rotation).</summary>
    public void PublishNext()
    {
        lock (_lock)
        {
            _nextPublished = true;
        }
    }

    /// <summary>Signs with the next keys from now on (step two).</summary>
    public void SwitchToNext()
    {
        lock (_lock)
        {
            _nextPublished = true;
            _switched = true;
        }
    }

    /// <summary>Back to the configured key, next certificate unpublished.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _nextPublished = false;
            _switched = false;
        }
    }
}
