using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Till.Core.Receipts;

/// <summary>
/// An order number from a per-device series: <c>BRANCH-DEVICE-SEQUENCE</c>, e.g. <c>JKT1-T2-000123</c>.
/// Branch codes are unique in a tenant and device codes unique in a branch, so two devices can
/// never hand out the same number, even while both are offline. Codes are upper-case letters and
/// digits (no hyphen), so the text always parses back unambiguously.
/// </summary>
public readonly record struct ReceiptNumber
{
    /// <summary>Digits the sequence is zero-padded to; larger sequences simply get longer.</summary>
    public const int SequenceDigits = 6;

    /// <summary>Longest branch or device code.</summary>
    public const int MaxCodeLength = 20;

    /// <summary>Creates a number; throws when a code is not 1-20 upper-case letters or digits or the sequence is below 1.</summary>
    public ReceiptNumber(string branchCode, string deviceCode, long sequence)
    {
        if (!IsCode(branchCode))
            throw new ArgumentException("A branch code is 1-20 upper-case letters or digits.", nameof(branchCode));
        if (!IsCode(deviceCode))
            throw new ArgumentException("A device code is 1-20 upper-case letters or digits.", nameof(deviceCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1L);
        BranchCode = branchCode;
        DeviceCode = deviceCode;
        Sequence = sequence;
    }

    public string BranchCode { get; }
    public string DeviceCode { get; }

    /// <summary>Position in the device's series, starting at 1.</summary>
    public long Sequence { get; }

    /// <summary>The next number of the same device.</summary>
    public ReceiptNumber Next() => new(BranchCode, DeviceCode, checked(Sequence + 1));

    /// <summary>The first number of a device's series.</summary>
    public static ReceiptNumber First(string branchCode, string deviceCode) => new(branchCode, deviceCode, 1);

    /// <summary>Formats as <c>JKT1-T2-000123</c>.</summary>
    public override string ToString() =>
        $"{BranchCode}-{DeviceCode}-{Sequence.ToString("D" + SequenceDigits, CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>JKT1-T2-000123</c>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static ReceiptNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a receipt number like JKT1-T2-000123.");

    /// <summary>Parses <c>JKT1-T2-000123</c>; the sequence must have at least six digits.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReceiptNumber number)
    {
        number = default;
        var parts = text?.Split('-');
        if (parts is not { Length: 3 } || !IsCode(parts[0]) || !IsCode(parts[1]))
            return false;
        var digits = parts[2];
        if (digits.Length < SequenceDigits || digits.Length > 18 || !digits.All(char.IsAsciiDigit))
            return false;
        var sequence = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        // Only the canonical form: "JKT1-T2-0000123" would be a second spelling of the same number.
        if (sequence < 1 || digits.Length > SequenceDigits && digits[0] == '0')
            return false;
        number = new ReceiptNumber(parts[0], parts[1], sequence);
        return true;
    }

    private static bool IsCode(string? code) =>
        code is { Length: > 0 and <= MaxCodeLength } && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
