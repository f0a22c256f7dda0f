namespace MockEsia.Abstractions;

/// <summary>A test person (an ESIA account), with the data the REST API serves.</summary>
public sealed class Person
{
    /// <summary>ESIA's person id (<c>oid</c>).</summary>
    public long Oid { get; set; }

    /// <summary>Login (e-mail, phone or SNILS as on ESIA's login page).</summary>
    public string Login { get; set; } = "";

    /// <summary>Password (test accounts: <c>11111111</c>).</summary>
    public string Password { get; set; } = "11111111";

    /// <summary>Фамилия.</summary>
    public string LastName { get; set; } = "";

    /// <summary>Имя.</summary>
    public string FirstName { get; set; } = "";

    /// <summary>Отчество.</summary>
    public string MiddleName { get; set; } = "";

    /// <summary><c>DD.MM.YYYY</c>.</summary>
    public string BirthDate { get; set; } = "";

    /// <summary>Место рождения.</summary>
    public string BirthPlace { get; set; } = "";

    /// <summary><c>M</c> or <c>F</c>.</summary>
    public string Gender { get; set; } = "M";

    /// <summary>ОКСМ alpha-3, <c>RUS</c>.</summary>
    public string Citizenship { get; set; } = "RUS";

    /// <summary>СНИЛС <c>000-000-000 00</c>.</summary>
    public string Snils { get; set; } = "";

    /// <summary>ИНН, 12 digits.</summary>
    public string Inn { get; set; } = "";

    /// <summary>Confirmed account (<c>trusted</c>).</summary>
    public bool Trusted { get; set; } = true;

    public List<Contact> Contacts { get; set; } = [];

    public List<Address> Addresses { get; set; } = [];

    public List<Document> Documents { get; set; } = [];

    public List<Vehicle> Vehicles { get; set; } = [];

    /// <summary>Children.</summary>
    public List<Kid> Kids { get; set; } = [];

    /// <summary>Organisations the person works for.</summary>
    public List<Organization> Organizations { get; set; } = [];

    /// <summary>"Фамилия Имя Отчество".</summary>
    public string FullName => string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(s => s.Length > 0));
}

/// <summary>A contact (<c>/ctts</c>).</summary>
public sealed record Contact(long Id, string Type, string Value, bool Verified);

/// <summary>An address (<c>/addrs</c>): <c>PRG</c> registration or <c>PLV</c> residence.</summary>
public sealed record Address(long Id, string Type, string ZipCode, string Region, string City, string Street, string House, string Flat, string FiasCode)
{
    /// <summary>The address string ESIA builds (without house and flat).</summary>
    public string AddressStr => $"{Region}, {City}, {Street}";
}

/// <summary>A document (<c>/docs</c>).</summary>
public sealed record Document(long Id, string Type, string Series, string Number, string IssueDate, string IssuedBy, string IssueId, bool Verified);

/// <summary>A vehicle (<c>/vhls</c>).</summary>
public sealed record Vehicle(long Id, string Name, string NumberPlate, string RegSeries, string RegNumber);

/// <summary>A child (<c>/kids</c>).</summary>
public sealed record Kid(long Id, string LastName, string FirstName, string MiddleName, string BirthDate, string Gender, string Snils, string Inn, string BirthCertSeries, string BirthCertNumber);

/// <summary>An organisation membership (<c>/roles</c>, <c>/orgs</c>, <c>/rs/orgs/{oid}</c>).</summary>
/// <remarks><paramref name="PowerOfAttorney"/>: an employee who is not the head holds an authority (полномочие) to act for the organisation (epgu-api.md §1.3, §2.11 <c>bad_delegation</c>).</remarks>
public sealed record Organization(long Oid, string FullName, string ShortName, string Ogrn, string Inn, string Kpp, string Type, bool Chief, bool Admin, bool PowerOfAttorney = false);
