namespace MockEsia.People;

/// <summary>
/// What a person types into ESIA's «Телефон / Email / СНИЛС» field (reference §11.1: the public test accounts sign in
/// with their e-mail): a login name, an e-mail, a mobile number in any common spelling (+7…, 8…, with or without
/// separators) or a SNILS with or without separators.
/// </summary>
internal static class LoginIdentifier
{
    /// <summary>Whether <paramref name="typed"/> names <paramref name="person"/>.</summary>
    public static bool Names(Person person, string typed)
    {
        typed = typed.Trim();
        if (typed.Length == 0)
        {
            return false;
        }

        if (string.Equals(person.Login, typed, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (typed.Contains('@'))
        {
            return person.Contacts.Any(c => c.Type is "EML" or "CEM" && string.Equals(c.Value, typed, StringComparison.OrdinalIgnoreCase));
        }

        if (!typed.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ' or '(' or ')' or '.'))
        {
            return false;
        }

        var digits = Digits(typed);
        return (digits.Length == 11 && !typed.StartsWith('+') && Digits(person.Snils) == digits)
            || (MobileNumber(typed) is { } mobile && person.Contacts.Any(c => c.Type == "MBT" && MobileNumber(c.Value) == mobile));
    }

    /// <summary>The ten national digits of a Russian mobile number (+7 XXX…, 8 XXX…, 7 XXX… or the bare ten digits).</summary>
    private static string? MobileNumber(string value)
    {
        var digits = Digits(value);
        return digits.Length switch
        {
            10 when !value.TrimStart().StartsWith('+') => digits,
            11 when value.TrimStart().StartsWith("+7", StringComparison.Ordinal) || (!value.TrimStart().StartsWith('+') && digits[0] is '7' or '8') => digits[1..],
            _ => null,
        };
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
