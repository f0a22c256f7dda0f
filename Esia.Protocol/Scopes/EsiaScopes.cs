namespace Esia.Protocol.Scopes;

/// <summary>Where a person scope's data shows up in the REST API.</summary>
public enum ScopeResource
{
    /// <summary>Authentication only (openid).</summary>
    None,

    /// <summary>Fields of <c>/rs/prns/{oid}</c>.</summary>
    Person,

    /// <summary><c>/ctts</c>.</summary>
    Contacts,

    /// <summary><c>/addrs</c>.</summary>
    Addresses,

    /// <summary><c>/docs</c>.</summary>
    Documents,

    /// <summary><c>/vhls</c>.</summary>
    Vehicles,

    /// <summary><c>/kids</c>.</summary>
    Kids,

    /// <summary><c>/orgs</c> and <c>/roles</c>.</summary>
    Organizations,
}

/// <summary>One scope of the catalogue (reference §8.1).</summary>
/// <param name="Name">As sent in <c>scope</c>.</param>
/// <param name="Russian">What the consent page says is shared.</param>
/// <param name="Resource">Where the data shows up.</param>
/// <param name="Values">What it unlocks there: person fields, contact types or document types.</param>
public sealed record EsiaScope(string Name, string Russian, ScopeResource Resource, IReadOnlyList<string> Values);

/// <summary>The person and organisation scope catalogue.</summary>
public static class EsiaScopes
{
    /// <summary><c>openid</c>: the id_token, and the person's oid.</summary>
    public const string OpenId = "openid";

    /// <summary>The person scopes.</summary>
    public static IReadOnlyList<EsiaScope> Person { get; } =
    [
        new(OpenId, "Вход в систему (идентификатор пользователя)", ScopeResource.None, []),
        new("fullname", "Фамилия, имя, отчество", ScopeResource.Person, ["firstName", "lastName", "middleName"]),
        new("birthdate", "Дата рождения", ScopeResource.Person, ["birthDate"]),
        new("gender", "Пол", ScopeResource.Person, ["gender"]),
        new("citizenship", "Гражданство", ScopeResource.Person, ["citizenship"]),
        new("snils", "СНИЛС", ScopeResource.Person, ["snils"]),
        new("inn", "ИНН", ScopeResource.Person, ["inn"]),
        new("birthplace", "Место рождения", ScopeResource.Person, ["birthPlace"]),
        new("self_employed", "Сведения о самозанятости", ScopeResource.Person, ["selfEmployed"]),
        new("id_doc", "Данные документа, удостоверяющего личность", ScopeResource.Documents, ["RF_PASSPORT", "FID_DOC"]),
        new("medical_doc", "Данные полиса ОМС", ScopeResource.Documents, ["MDCL_PLCY"]),
        new("military_doc", "Данные военного билета", ScopeResource.Documents, ["MLTR_ID"]),
        new("foreign_passport_doc", "Данные заграничного паспорта", ScopeResource.Documents, ["FRGN_PASS"]),
        new("drivers_licence_doc", "Данные водительского удостоверения", ScopeResource.Documents, ["RF_DRIVING_LICENSE"]),
        new("birth_cert_doc", "Данные свидетельства о рождении", ScopeResource.Documents, ["RF_BRTH_CERT", "FID_BRTH_CERT", "OLD_BRTH_CERT"]),
        new("vehicles", "Данные о транспортных средствах", ScopeResource.Vehicles, []),
        new("email", "Адрес электронной почты", ScopeResource.Contacts, ["EML"]),
        new("mobile", "Номер мобильного телефона", ScopeResource.Contacts, ["MBT"]),
        new("contacts", "Контактные данные", ScopeResource.Contacts, ["EML", "MBT", "PHN", "CEM", "CPH"]),
        new("addresses", "Адреса регистрации и проживания", ScopeResource.Addresses, ["PRG", "PLV"]),
        new("usr_org", "Список организаций пользователя", ScopeResource.Organizations, []),
        new("kid_fullname", "ФИО детей", ScopeResource.Kids, ["firstName", "lastName", "middleName"]),
        new("kid_birthdate", "Даты рождения детей", ScopeResource.Kids, ["birthDate"]),
        new("kid_gender", "Пол детей", ScopeResource.Kids, ["gender"]),
        new("kid_snils", "СНИЛС детей", ScopeResource.Kids, ["snils"]),
        new("kid_inn", "ИНН детей", ScopeResource.Kids, ["inn"]),
        new("kid_birth_cert_doc", "Свидетельства о рождении детей", ScopeResource.Kids, ["documents"]),
        new("kid_medical_doc", "Полисы ОМС детей", ScopeResource.Kids, ["documents"]),
    ];

    /// <summary>The organisation scopes (short form; the URL form <c>http://esia.gosuslugi.ru/org_inn</c> is the same scope).</summary>
    public static IReadOnlyList<string> Organization { get; } =
    [
        "org_shortname", "org_fullname", "org_type", "org_ogrn", "org_inn", "org_leg", "org_kpp", "org_agencyterrange", "org_agencytype",
        "org_oktmo", "org_ctts", "org_addrs", "org_vhls", "org_grps", "org_emps", "org_brhs", "org_brhs_ctts", "org_brhs_addrs", "org_rcs",
        "org_stms", "org_invts", "categories", "org_ra", "org_inf",
    ];

    /// <summary>Finds a person scope by name; null when unknown.</summary>
    public static EsiaScope? Find(string name) => Person.FirstOrDefault(s => s.Name == Normalize(name).Name);

    /// <summary>Splits a <c>scope</c> value on spaces (any run of white space).</summary>
    public static IReadOnlyList<string> Split(string? scope) =>
        string.IsNullOrWhiteSpace(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Reduces a scope as it appears in tokens or requests to its bare name and query: <c>fullname?oid=1</c> →
    /// (<c>fullname</c>, <c>oid=1</c>); <c>http://esia.gosuslugi.ru/org_inn?org_oid=5</c> → (<c>org_inn</c>, <c>org_oid=5</c>).
    /// </summary>
    public static (string Name, string Query) Normalize(string scope)
    {
        var s = scope;
        if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var pathStart = s.IndexOf('/', s.IndexOf("//", StringComparison.Ordinal) + 2);
            s = pathStart < 0 ? "" : s[(pathStart + 1)..];
        }

        var q = s.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (s, "") : (s[..q], s[(q + 1)..]);
    }

    /// <summary>Whether a scope name is in the catalogue (person or organisation, either spelling).</summary>
    public static bool IsKnown(string scope)
    {
        var name = Normalize(scope).Name;
        return Person.Any(p => p.Name == name) || Organization.Contains(name);
    }
}
