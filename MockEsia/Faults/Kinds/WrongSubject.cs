namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens about another person (<c>sub</c> / <c>urn:esia:sbj_id</c>: <see cref="Fault.Value"/>, default the next oid).</summary>
internal sealed class WrongSubject : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.WrongSubject;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token) => OtherSubject(fault, token);

    /// <summary>Names another person in the token's subject claim.</summary>
    internal static void OtherSubject(Fault fault, TokenClaims token) => token.Claims[token.SubjectClaim] = fault.Value is { } other
        ? long.Parse(other, System.Globalization.CultureInfo.InvariantCulture)
        : token.Claims[token.SubjectClaim]!.GetValue<long>() + 1;
}
