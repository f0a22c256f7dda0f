namespace MockEsia.Consents;

/// <summary>One consent as the client asks for it in <c>permissions</c> (reference §10), validated.</summary>
/// <param name="Sysname">The consent type, e.g. <c>APIPGU</c>.</param>
/// <param name="ResponsibleObject">Who is responsible for the data (the organisation's name).</param>
/// <param name="ExpireMinutes">How long the consent lasts, in minutes (525600 = a year).</param>
/// <param name="Actions">The actions' sysnames.</param>
/// <param name="Purposes">The purposes' sysnames.</param>
/// <param name="Scopes">The scopes the consent grants.</param>
internal sealed record ConsentRequest(string Sysname, string ResponsibleObject, long ExpireMinutes, IReadOnlyList<string> Actions, IReadOnlyList<string> Purposes,
    IReadOnlyList<string> Scopes);

/// <summary>A consent type ESIA knows: what it may grant, for which actions and purposes.</summary>
/// <param name="Sysname">The type's sysname.</param>
/// <param name="Russian">Its name as the consent page shows it.</param>
/// <param name="Scopes">The scopes it may grant.</param>
/// <param name="Actions">The actions it allows.</param>
/// <param name="Purposes">The purposes it allows.</param>
internal sealed record ConsentType(string Sysname, string Russian, IReadOnlyList<string> Scopes, IReadOnlyList<string> Actions, IReadOnlyList<string> Purposes)
{
    /// <summary>
    /// The types MockEsia knows: the ЕПГУ API consent of reference §10 (S6, S17), with the ЕПГУ API scopes seen in a real
    /// 2025 token (§5.4). ESIA's full list of consent types is not public.
    /// </summary>
    public static readonly IReadOnlyList<ConsentType> Known =
    [
        new("APIPGU", "Доступ к API ЕПГУ", ["http://lk.gosuslugi.ru/api-order", "http://lk.gosuslugi.ru/api-geps"], ["ALL_ACTIONS_TO_DATA"], ["APIPGU"]),
    ];
}
