using System.Text.Json.Serialization;

namespace Esia.Client.Rest;

/// <summary><c>/rs/prns/{oid}</c>: only the fields the granted scopes allow are filled.</summary>
public sealed record EsiaPerson
{
    /// <summary>Имя.</summary>
    public string? FirstName { get; init; }

    /// <summary>Фамилия.</summary>
    public string? LastName { get; init; }

    /// <summary>Отчество.</summary>
    public string? MiddleName { get; init; }

    /// <summary><c>DD.MM.YYYY</c>.</summary>
    public string? BirthDate { get; init; }

    /// <summary>Место рождения.</summary>
    public string? BirthPlace { get; init; }

    /// <summary><c>M</c> / <c>F</c>.</summary>
    public string? Gender { get; init; }

    /// <summary>Confirmed account.</summary>
    public bool Trusted { get; init; }

    /// <summary>Citizenship (ОКСМ alpha-3).</summary>
    public string? Citizenship { get; init; }

    /// <summary>СНИЛС.</summary>
    public string? Snils { get; init; }

    /// <summary>ИНН.</summary>
    public string? Inn { get; init; }

    /// <summary>Id of the identity document.</summary>
    public long? RIdDoc { get; init; }

    /// <summary>ETag.</summary>
    public string? ETag { get; init; }

    /// <summary>"Фамилия Имя Отчество" from the parts present.</summary>
    [JsonIgnore]
    public string FullName => string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>An ESIA collection: <c>{stateFacts, size, elements}</c>.</summary>
public sealed record EsiaCollection<T>
{
    /// <summary>Number of elements.</summary>
    public int Size { get; init; }

    /// <summary>The elements (embedded with <c>embed=(elements)</c>).</summary>
    public IReadOnlyList<T> Elements { get; init; } = [];
}

/// <summary>A contact (<c>MBT</c>, <c>EML</c>, <c>PHN</c>, <c>CEM</c>).</summary>
public sealed record EsiaContact(long Id, string Type, string? VrfStu, string? Value);

/// <summary>An address (<c>PRG</c>, <c>PLV</c>).</summary>
public sealed record EsiaAddress(long Id, string Type, string? AddressStr, string? ZipCode, string? Region, string? City, string? Street, string? House, string? Flat, string? FiasCode);

/// <summary>A document (<c>RF_PASSPORT</c>, <c>RF_DRIVING_LICENSE</c>, …).</summary>
public sealed record EsiaDocument(long Id, string Type, string? VrfStu, string? Series, string? Number, string? IssueDate, string? IssueId, string? IssuedBy);

/// <summary>A vehicle.</summary>
public sealed record EsiaVehicle(long Id, string? Name, string? NumberPlate, EsiaRegCertificate? RegCertificate);

/// <summary>A vehicle's registration certificate.</summary>
public sealed record EsiaRegCertificate(string? Series, string? Number);

/// <summary>A child.</summary>
public sealed record EsiaKid(long Id, string? FirstName, string? LastName, string? MiddleName, string? BirthDate, string? Gender, string? Snils, string? Inn);

/// <summary>An organisation role (<c>/roles</c>).</summary>
public sealed record EsiaRole(long Oid, string? FullName, string? ShortName, string? Ogrn, string? Type, bool Chief, bool Admin, bool Active);
