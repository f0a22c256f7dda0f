using System.Globalization;
using Bogus;
using Bogus.DataSets;
using Address = MockEsia.Abstractions.Address;
using Person = MockEsia.Abstractions.Person;
using Vehicle = MockEsia.Abstractions.Vehicle;

namespace MockEsia.People;

/// <summary>Generates consistent Russian test people from a seed (Bogus, <c>ru</c> locale) with valid SNILS and INN.</summary>
internal static class PersonGenerator
{
    /// <summary>The first generated oid; fixture people use lower ones.</summary>
    public const long FirstOid = 1000100000;

    private static readonly string[] MalePatronymics = ["Александрович", "Сергеевич", "Иванович", "Дмитриевич", "Андреевич", "Николаевич", "Петрович", "Владимирович", "Михайлович", "Алексеевич"];
    private static readonly string[] FemalePatronymics = ["Александровна", "Сергеевна", "Ивановна", "Дмитриевна", "Андреевна", "Николаевна", "Петровна", "Владимировна", "Михайловна", "Алексеевна"];
    private static readonly string[] Regions = ["г. Москва", "г. Санкт-Петербург", "Московская обл.", "Новосибирская обл.", "Свердловская обл.", "Республика Татарстан"];
    private static readonly string[] PlateLetters = ["А", "В", "Е", "К", "М", "Н", "О", "Р", "С", "Т", "У", "Х"];

    /// <summary>Generates <paramref name="count"/> people; the same seed always gives the same people.</summary>
    public static IReadOnlyList<Person> Generate(int count, int seed)
    {
        var faker = new Faker("ru") { Random = new Randomizer(seed) };
        return Enumerable.Range(0, count).Select(i => One(faker, FirstOid + i, i)).ToArray();
    }

    private static Person One(Faker f, long oid, int index)
    {
        var male = f.Random.Bool();
        var gender = male ? Name.Gender.Male : Name.Gender.Female;
        var birth = f.Date.Between(new DateTime(1950, 1, 1), new DateTime(2004, 12, 31));
        var region = f.PickRandom(Regions);
        var city = region.StartsWith("г.", StringComparison.Ordinal) ? region : f.Address.City();
        var person = new Person
        {
            Oid = oid,
            Login = $"esiamock{index + 1:000}@example.ru",
            LastName = f.Name.LastName(gender),
            FirstName = f.Name.FirstName(gender),
            MiddleName = f.PickRandom(male ? MalePatronymics : FemalePatronymics),
            BirthDate = birth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            BirthPlace = city,
            Gender = male ? "M" : "F",
            Snils = Checksums.Snils(f.Random.ReplaceNumbers("#########")),
            Inn = Checksums.PersonalInn(f.Random.ReplaceNumbers("77########")),
            Trusted = index % 10 != 9,
        };
        var id = oid * 10;
        person.Contacts.Add(new Contact(++id, "MBT", $"+7({f.Random.ReplaceNumbers("9##")}){f.Random.ReplaceNumbers("#######")}", true));
        person.Contacts.Add(new Contact(++id, "EML", person.Login, index % 4 != 3));
        var street = f.Address.StreetName();
        var house = f.Random.Number(1, 120).ToString(CultureInfo.InvariantCulture);
        var flat = f.Random.Number(1, 300).ToString(CultureInfo.InvariantCulture);
        var zip = f.Random.ReplaceNumbers("1#####");
        var fias = f.Random.Guid().ToString();
        person.Addresses.Add(new Address(++id, "PRG", zip, region, city, street, house, flat, fias));
        person.Addresses.Add(new Address(++id, "PLV", zip, region, city, street, house, flat, fias));
        person.Documents.Add(new Document(++id, "RF_PASSPORT", f.Random.ReplaceNumbers("45##"), f.Random.ReplaceNumbers("######"),
            birth.AddYears(20).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), "ГУ МВД России по " + region, f.Random.ReplaceNumbers("######"), true));
        if (index % 3 == 0)
        {
            person.Documents.Add(new Document(++id, "RF_DRIVING_LICENSE", f.Random.ReplaceNumbers("77##"), f.Random.ReplaceNumbers("######"),
                birth.AddYears(25).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), "ГИБДД", "", true));
            var plate = $"{f.PickRandom(PlateLetters)}{f.Random.ReplaceNumbers("###")}{f.PickRandom(PlateLetters)}{f.PickRandom(PlateLetters)}{f.Random.ReplaceNumbers("##")}";
            person.Vehicles.Add(new Vehicle(++id, f.Vehicle.Model(), plate, f.Random.ReplaceNumbers("77##"), f.Random.ReplaceNumbers("######")));
        }

        if (index % 2 == 0 && birth.Year < 1995)
        {
            var kidMale = f.Random.Bool();
            var kidGender = kidMale ? Name.Gender.Male : Name.Gender.Female;
            var kidBirth = f.Date.Between(new DateTime(2012, 1, 1), new DateTime(2022, 12, 31));
            person.Kids.Add(new Kid(++id, f.Name.LastName(kidGender), f.Name.FirstName(kidGender), f.PickRandom(kidMale ? MalePatronymics : FemalePatronymics),
                kidBirth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), kidMale ? "M" : "F", Checksums.Snils(f.Random.ReplaceNumbers("#########")),
                Checksums.PersonalInn(f.Random.ReplaceNumbers("77########")), "IV-МЮ", f.Random.ReplaceNumbers("######")));
        }

        if (index % 5 == 0)
        {
            var company = f.Company.CompanyName();
            person.Organizations.Add(new Organization(2000100000 + index, $"Общество с ограниченной ответственностью «{company}»", $"ООО «{company}»",
                Checksums.Ogrn("1" + f.Random.ReplaceNumbers("###########")), Checksums.LegalInn(f.Random.ReplaceNumbers("77#######")),
                f.Random.ReplaceNumbers("77##01001"), "LEGAL", index % 10 == 0, false));
        }

        return person;
    }
}
