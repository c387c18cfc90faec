using System.ComponentModel.DataAnnotations;

namespace Till.Server.Licensing;

/// <summary>
/// A list of plan feature names: at most 50, each 1 to 50 letters, digits, '-', '_' or '.'.
/// An attribute (not IValidatableObject) so it is reported together with the other field errors.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FeatureListAttribute : ValidationAttribute
{
    public const int MaxFeatures = 50;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable<string?> features) return ValidationResult.Success;
        var list = features.ToList();
        var members = validationContext.MemberName is { } m ? new[] { m } : null;
        if (list.Count > MaxFeatures) return new ValidationResult($"At most {MaxFeatures} features.", members);
        if (list.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > 50 || !f.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            return new ValidationResult("Each feature is 1 to 50 letters, digits, '-', '_' or '.'.", members);
        return ValidationResult.Success;
    }
}
