namespace MockEsia.People;

/// <summary>Check digits of Russian identifiers, so generated people pass integrators' validation.</summary>
internal static class Checksums
{
    /// <summary>The two check digits of a SNILS whose first nine digits are given.</summary>
    public static int SnilsCheck(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (9 - i);
        }

        return sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
    }

    /// <summary>Formats nine digits and their check as <c>000-000-000 00</c>.</summary>
    public static string Snils(string nineDigits) =>
        $"{nineDigits[..3]}-{nineDigits[3..6]}-{nineDigits[6..9]} {SnilsCheck(nineDigits):00}";

    /// <summary>Whether a formatted SNILS has a valid check number.</summary>
    public static bool IsValidSnils(string snils)
    {
        var digits = new string(snils.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && SnilsCheck(digits[..9]) == int.Parse(digits[9..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A 12-digit personal INN from its first ten digits.</summary>
    public static string PersonalInn(string tenDigits)
    {
        int[] w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
        int[] w12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
        var d11 = Check(tenDigits, w11);
        var eleven = tenDigits + d11;
        return eleven + Check(eleven, w12);
    }

    /// <summary>A 10-digit legal-entity INN from its first nine digits.</summary>
    public static string LegalInn(string nineDigits) => nineDigits + Check(nineDigits, [2, 4, 10, 3, 5, 9, 4, 6, 8]);

    /// <summary>Whether a 10- or 12-digit INN has valid check digits.</summary>
    public static bool IsValidInn(string inn) => inn.Length switch
    {
        12 => PersonalInn(inn[..10]) == inn,
        10 => LegalInn(inn[..9]) == inn,
        _ => false,
    };

    /// <summary>A 13-digit OGRN from its first twelve digits.</summary>
    public static string Ogrn(string twelveDigits) =>
        twelveDigits + (long.Parse(twelveDigits, System.Globalization.CultureInfo.InvariantCulture) % 11 % 10);

    private static int Check(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11 % 10;
    }
}
