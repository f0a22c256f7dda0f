using System.Collections.Concurrent;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace Esia.Protocol.Crypto;

/// <summary>How a CMS signature failed, in words the signature doctor and the error pages can use.</summary>
public enum CmsFailure
{
    /// <summary>Not a DER-encoded CMS ContentInfo.</summary>
    Malformed,

    /// <summary>A ContentInfo, but not SignedData.</summary>
    NotSignedData,

    /// <summary>No SignerInfo, or more than one.</summary>
    SignerCount,

    /// <summary>The signer's certificate is neither embedded nor among the candidates given.</summary>
    NoCertificate,

    /// <summary>The signer's certificate is not one registered for the client.</summary>
    UnregisteredCertificate,

    /// <summary>Attached content differs from the message expected.</summary>
    ContentMismatch,

    /// <summary>The signed messageDigest attribute does not match the message expected.</summary>
    DigestMismatch,

    /// <summary>The signature value does not verify with the signer's key.</summary>
    SignatureInvalid,
}

/// <summary>The outcome of a CMS verification.</summary>
/// <param name="Failure">Null on success.</param>
/// <param name="Detail">What was wrong, in plain words.</param>
/// <param name="Signer">The signer's certificate when it could be found.</param>
/// <param name="Attached">Whether the content was attached.</param>
/// <param name="HasSignedAttributes">Whether signed attributes were present.</param>
public sealed record CmsVerification(CmsFailure? Failure, string Detail, EsiaCertificate? Signer, bool Attached, bool HasSignedAttributes)
{
    /// <summary>True when the signature verified over the expected message with a registered certificate.</summary>
    public bool Success => Failure is null;
}

/// <summary>CMS/PKCS#7 SignedData: the v1 <c>client_secret</c> format.</summary>
public static class CmsSignature
{
    private const int MaxCachedCertificates = 1024;

    // Parsing a certificate and building its key is most of a CMS verification's cost: keep unregistered ones too
    // (bounded), since a misconfigured client sends the same foreign certificate again and again.
    private static readonly ConcurrentDictionary<string, EsiaCertificate> EmbeddedCertificates = new(StringComparer.Ordinal);

    /// <summary>Signs a message as CMS SignedData with the signer's certificate embedded.</summary>
    /// <param name="credential">Signing key and certificate.</param>
    /// <param name="message">The content.</param>
    /// <param name="detached">True for a detached signature (the content is not included).</param>
    /// <param name="signedAttributes">True to include signed attributes (contentType, signingTime, messageDigest).</param>
    public static byte[] Sign(EsiaCredential credential, byte[] message, bool detached = true, bool signedAttributes = true)
    {
        var algorithm = credential.Certificate.KeyAlgorithm;
        var generator = new CmsSignedDataGenerator();
        var signerInfo = new SignerInfoGeneratorBuilder()
            .SetDirectSignature(!signedAttributes)
            .Build(new Asn1SignatureFactory(algorithm.SignatureFactoryName(), credential.PrivateKey), credential.Certificate.Certificate);
        generator.AddSignerInfoGenerator(signerInfo);
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { credential.Certificate.Certificate }));
        return generator.Generate(new CmsProcessableByteArray(message), !detached).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>True when a DER SEQUENCE's first element is a PKCS#7 content type OID (1.2.840.113549.1.7.x), as in every ContentInfo.</summary>
    public static bool BeginsWithPkcs7ContentType(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> pkcs7 = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];
        if (data.Length < 2 || data[0] != 0x30)
        {
            return false;
        }

        var header = data[1] < 0x80 ? 2 : 2 + (data[1] & 0x7F);
        return data.Length > header + pkcs7.Length && data.Slice(header, pkcs7.Length).SequenceEqual(pkcs7);
    }

    /// <summary>True when the bytes are a DER SEQUENCE whose outer length covers exactly the whole input.</summary>
    public static bool IsWholeDerSequence(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != 0x30)
        {
            return false;
        }

        int length, header;
        if (data[1] < 0x80)
        {
            (length, header) = (data[1], 2);
        }
        else
        {
            var count = data[1] & 0x7F;
            if (count is 0 or > 4 || data.Length < 2 + count)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | data[2 + i];
            }

            header = 2 + count;
        }

        return length >= 0 && header + (long)length == data.Length;
    }

    /// <summary>
    /// Verifies CMS SignedData over <paramref name="expectedMessage"/>: detached or attached, with or without signed
    /// attributes, signer certificate embedded or taken from <paramref name="registered"/>. The signer must be one of
    /// <paramref name="registered"/> (compared by DER). Never throws for bad input.
    /// </summary>
    public static CmsVerification Verify(byte[] cms, byte[] expectedMessage, IReadOnlyCollection<EsiaCertificate> registered)
    {
        CmsSignedData signed;
        bool attached;
        try
        {
            if (SignedDataInfo(cms) is not { } info)
            {
                return NotSignedData(cms);
            }

            var parsed = new CmsSignedData(info);
            attached = !parsed.IsDetachedSignature;
            if (attached)
            {
                var content = Asn1OctetString.GetInstance(parsed.SignedData.EncapContentInfo.Content).GetOctets();
                if (!content.AsSpan().SequenceEqual(expectedMessage))
                {
                    return new CmsVerification(CmsFailure.ContentMismatch, "The attached content differs from the string expected.", null, true, false);
                }
            }

            signed = attached ? parsed : new CmsSignedData(new CmsProcessableByteArray(expectedMessage), info);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or CmsException or InvalidOperationException or Asn1Exception)
        {
            return Fail(CmsFailure.Malformed, $"The CMS structure could not be parsed: {ex.Message}");
        }

        SignerInformation signer;
        bool withAttributes;
        EsiaCertificate? certificate;
        try
        {
            var signers = signed.GetSignerInfos().GetSigners();
            if (signers.Count != 1)
            {
                return new CmsVerification(CmsFailure.SignerCount, $"The CMS has {signers.Count} signers; exactly one is expected.", null, attached, false);
            }

            signer = signers.First();
            withAttributes = signer.SignedAttributes is not null;
            certificate = FindSigner(signed, signer.SignerID, registered);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or CmsException or InvalidOperationException or Asn1Exception or InvalidDataException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            return new CmsVerification(CmsFailure.Malformed, $"The CMS signer or its embedded certificate could not be read: {ex.Message}", null, attached, false);
        }

        if (certificate is null)
        {
            return new CmsVerification(CmsFailure.NoCertificate, "The signer's certificate is not embedded in the CMS and matches no registered certificate.", null, attached, withAttributes);
        }

        if (!registered.Any(r => r.Der.AsSpan().SequenceEqual(certificate.Der)))
        {
            return new CmsVerification(CmsFailure.UnregisteredCertificate, $"Signed by a certificate not registered for this client: {certificate.Subject} (client_certificate_hash {certificate.Streebog256Hex}).", certificate, attached, withAttributes);
        }

        try
        {
            if (signer.Verify(certificate.PublicKey))
            {
                return new CmsVerification(null, "Verified.", certificate, attached, withAttributes);
            }

            return new CmsVerification(CmsFailure.SignatureInvalid, "The signature value does not verify with the signer's key.", certificate, attached, withAttributes);
        }
        catch (CmsException ex) when (ex.Message.Contains("message-digest", StringComparison.OrdinalIgnoreCase))
        {
            return new CmsVerification(CmsFailure.DigestMismatch, "The signed messageDigest attribute does not match the string expected: the client signed other content.", certificate, attached, withAttributes);
        }
        catch (Exception ex) when (ex is CmsException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return new CmsVerification(CmsFailure.SignatureInvalid, $"The signature could not be verified: {ex.Message}", certificate, attached, withAttributes);
        }
    }

    /// <summary>
    /// Verifies a <b>detached</b> CMS SignedData (a <c>.sig</c> file, PKCS#7) over content read from <paramref name="content"/>
    /// as a stream, so a 50 MB file is digested without being held in memory. The signer's certificate must be embedded;
    /// the caller judges it (validity, algorithm). Never throws for bad input.
    /// </summary>
    public static CmsVerification VerifyDetached(byte[] cms, Func<Stream> content)
    {
        CmsSignedData signed;
        try
        {
            if (SignedDataInfo(cms) is not { } info)
            {
                return NotSignedData(cms, " (PKCS#7, -outform DER)");
            }

            if (!new CmsSignedData(info).IsDetachedSignature)
            {
                return new CmsVerification(CmsFailure.ContentMismatch, "The signature holds the content (attached); a detached signature is expected (openssl cms -sign -binary without -nodetach).", null, true, false);
            }

            signed = new CmsSignedData(new StreamedContent(content), info);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or CmsException or InvalidOperationException or Asn1Exception)
        {
            return Fail(CmsFailure.Malformed, $"The CMS structure could not be parsed: {ex.Message}");
        }

        SignerInformation signer;
        EsiaCertificate? certificate;
        try
        {
            var signers = signed.GetSignerInfos().GetSigners();
            if (signers.Count != 1)
            {
                return new CmsVerification(CmsFailure.SignerCount, $"The CMS has {signers.Count} signers; exactly one is expected.", null, false, false);
            }

            signer = signers.First();
            certificate = FindSigner(signed, signer.SignerID, []);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or CmsException or InvalidOperationException or Asn1Exception or InvalidDataException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            return new CmsVerification(CmsFailure.Malformed, $"The CMS signer or its embedded certificate could not be read: {ex.Message}", null, false, false);
        }

        var withAttributes = signer.SignedAttributes is not null;
        if (certificate is null)
        {
            return new CmsVerification(CmsFailure.NoCertificate, "The signer's certificate is not embedded in the signature.", null, false, withAttributes);
        }

        if (withAttributes && signer.DigestAlgorithmID.Algorithm.Id == Streebog256Oid && certificate.KeyAlgorithm == KeyAlgorithm.Gost2012_256)
        {
            return VerifyStreebog256(signer, certificate, content);
        }

        try
        {
            return signer.Verify(certificate.PublicKey)
                ? new CmsVerification(null, "Verified.", certificate, false, withAttributes)
                : new CmsVerification(CmsFailure.SignatureInvalid, "The signature value does not verify with the signer's key.", certificate, false, withAttributes);
        }
        catch (CmsException ex) when (ex.Message.Contains("message-digest", StringComparison.OrdinalIgnoreCase))
        {
            return new CmsVerification(CmsFailure.DigestMismatch, "The signed messageDigest attribute does not match the file: the signature is over other content.", certificate, false, withAttributes);
        }
        catch (Exception ex) when (ex is CmsException or ArgumentException or InvalidOperationException or IOException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return new CmsVerification(CmsFailure.SignatureInvalid, $"The signature could not be verified: {ex.Message}", certificate, false, withAttributes);
        }
    }

    // GOST R 34.11-2012-256 (id-tc26-gost3411-12-256).
    private const string Streebog256Oid = "1.2.643.7.1.1.2.2";

    // With signed attributes and Streebog-256, the content's digest is the fast Streebog's (four times BouncyCastle's
    // speed on a 50 MB file), compared with the signed messageDigest; the signature is over the attributes' DER.
    private static CmsVerification VerifyStreebog256(SignerInformation signer, EsiaCertificate certificate, Func<Stream> content)
    {
        try
        {
            if (signer.SignedAttributes[Org.BouncyCastle.Asn1.Cms.CmsAttributes.MessageDigest] is not { } attribute
                || attribute.AttrValues.Count != 1 || attribute.AttrValues[0] is not Asn1OctetString signedDigest)
            {
                return new CmsVerification(CmsFailure.Malformed, "The signed attributes have no messageDigest.", certificate, false, true);
            }

            byte[] digest;
            using (var stream = content())
            {
                digest = Fast.FastStreebog.Hash256(stream);
            }

            if (!digest.AsSpan().SequenceEqual(signedDigest.GetOctets()))
            {
                return new CmsVerification(CmsFailure.DigestMismatch, "The signed messageDigest attribute does not match the file: the signature is over other content.", certificate, false, true);
            }

            return RawSignature.Verify(certificate.PublicKey, KeyAlgorithm.Gost2012_256, signer.GetEncodedSignedAttributes(), signer.GetSignature())
                ? new CmsVerification(null, "Verified.", certificate, false, true)
                : new CmsVerification(CmsFailure.SignatureInvalid, "The signature value does not verify with the signer's key.", certificate, false, true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or Asn1Exception or InvalidOperationException)
        {
            return new CmsVerification(CmsFailure.Malformed, $"The signed attributes could not be read: {ex.Message}", certificate, false, true);
        }
    }

    /// <summary>Reads the signer certificate of a CMS without verifying anything (for diagnostics); null if none.</summary>
    public static EsiaCertificate? EmbeddedSigner(byte[] cms)
    {
        try
        {
            var signed = new CmsSignedData(ContentInfo.GetInstance(Asn1Object.FromByteArray(cms)));
            var signer = signed.GetSignerInfos().GetSigners().FirstOrDefault();
            return signer is null ? null : FindSigner(signed, signer.SignerID, []);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or CmsException or InvalidOperationException or Asn1Exception or InvalidDataException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            return null;
        }
    }

    private static EsiaCertificate? FindSigner(CmsSignedData signed, SignerID id, IReadOnlyCollection<EsiaCertificate> registered)
    {
        var embedded = signed.GetCertificates().EnumerateMatches(id).FirstOrDefault();
        if (embedded is not null)
        {
            var der = embedded.GetEncoded();
            var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(der));
            if (registered.FirstOrDefault(r => r.Der.AsSpan().SequenceEqual(der)) is { } known)
            {
                return known;
            }

            if (EmbeddedCertificates.Count >= MaxCachedCertificates)
            {
                EmbeddedCertificates.Clear();
            }

            return EmbeddedCertificates.GetOrAdd(key, _ => EsiaCertificate.From(new X509Certificate(der)));
        }

        return registered.FirstOrDefault(r => id.Match(r.Certificate));
    }

    private static CmsVerification Fail(CmsFailure failure, string detail) => new(failure, detail, null, false, false);

    // The ContentInfo of a whole DER SignedData; null when it is not one (NotSignedData says why).
    private static ContentInfo? SignedDataInfo(byte[] cms) =>
        IsWholeDerSequence(cms) && ContentInfo.GetInstance(Asn1Object.FromByteArray(cms)) is { } info && info.ContentType.Equals(PkcsObjectIdentifiers.SignedData) ? info : null;

    private static CmsVerification NotSignedData(byte[] cms, string hint = "") => !IsWholeDerSequence(cms)
        ? Fail(CmsFailure.Malformed, $"The value is not one complete DER structure{hint}.")
        : Fail(CmsFailure.NotSignedData, $"The CMS content type is {ContentInfo.GetInstance(Asn1Object.FromByteArray(cms)).ContentType.Id}, not SignedData (1.2.840.113549.1.7.2).");

    // Detached content read from a stream when BouncyCastle digests it.
    private sealed class StreamedContent(Func<Stream> open) : CmsTypedData
    {
        public DerObjectIdentifier ContentType => Org.BouncyCastle.Asn1.Cms.CmsObjectIdentifiers.Data;

        public object GetContent() => open;

        public void Write(Stream outStream)
        {
            using var source = open();
            source.CopyTo(outStream, 81920);
        }
    }
}
