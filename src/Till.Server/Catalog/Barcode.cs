namespace Till.Server.Catalog;

/// <summary>
/// Barcode rules. All-digit codes of GTIN length (EAN-8, UPC-A, EAN-13, GTIN-14) must carry a
/// correct check digit; other codes (in-store labels, alphanumeric codes) are taken as they are.
/// </summary>
internal static class Barcode
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="code"/> is acceptable, otherwise the reason in words.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "A barcode cannot be empty.";
        if (code.Length > MaxLength) return $"A barcode has at most {MaxLength} characters.";
        if (code.Any(char.IsWhiteSpace)) return "A barcode cannot contain spaces.";
        if (!code.All(char.IsAsciiDigit) || code.Length is not (8 or 12 or 13 or 14)) return null;

        var expected = CheckDigit(code.AsSpan(0, code.Length - 1));
        var name = code.Length switch { 8 => "EAN-8", 12 => "UPC-A", 13 => "EAN-13", _ => "GTIN-14" };
        return code[^1] - '0' == expected ? null : $"'{code}' is not a valid {name} code: the check digit should be {expected}.";
    }

    /// <summary>The GS1 check digit of the digits before it (weights 3,1,3,... from the right).</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var weight = (digits.Length - i) % 2 == 1 ? 3 : 1;
            sum += (digits[i] - '0') * weight;
        }

        return (10 - sum % 10) % 10;
    }

    /// <summary>Completes 12 digits into a valid EAN-13.</summary>
    public static string Ean13(string twelveDigits) => twelveDigits + CheckDigit(twelveDigits);
}
