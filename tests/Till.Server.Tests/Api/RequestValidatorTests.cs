using System.ComponentModel.DataAnnotations;
using Till.Server.Api;
using Till.Server.Licensing;
using Till.Server.Orders;

namespace Till.Server.Tests.Api;

/// <summary>
/// The request validator answers exactly as the framework's <see cref="Validator"/> (all properties) does:
/// the same messages for the same members, a failed <c>[Required]</c> hiding its property's other rules, and
/// <see cref="IValidatableObject.Validate"/> only once every property is valid.
/// </summary>
public sealed class RequestValidatorTests
{
    public static TheoryData<string> Cases => [.. Samples.Keys];

    private static readonly Dictionary<string, object> Samples = new()
    {
        ["valid order"] = new OrderRequest { Lines = [new() { ProductId = Guid.NewGuid(), Quantity = 1 }], Payments = [new() { Method = "CASH", Amount = 5 }] },
        ["no lines"] = new OrderRequest { Payments = [new() { Method = "CASH", Amount = 5 }] },
        ["empty lines, long note, guests out of range"] = new OrderRequest { Lines = [], Note = new string('x', 1001), Guests = 0 },
        ["valid properties, no payment (the object's own rule)"] = new OrderRequest { Lines = [new() { ProductId = Guid.NewGuid(), Quantity = 1 }] },
        ["property error hides the object's own rule"] = new OrderRequest { Lines = [new() { ProductId = Guid.NewGuid(), Quantity = 1 }], Note = new string('x', 1001) },
        ["line without product, quantity too small"] = new OrderLineRequest { Quantity = 0 },
        ["line without quantity, modifiers too many"] = new OrderLineRequest { ProductId = Guid.NewGuid(), ModifierIds = [.. Enumerable.Range(0, 51).Select(_ => Guid.NewGuid())] },
        ["licence: required missing, pattern, custom attribute"] = new GenerateLicenseRequest { Plan = "no spaces allowed", Features = ["ok", "bad feature!"] },
        ["licence: valid"] = new GenerateLicenseRequest { Plan = "pro", Seats = 3, ExpiresAt = DateTime.UtcNow.AddYears(1), Features = ["restaurant"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_AsTheFrameworkValidatorDoes(string name)
    {
        var instance = Samples[name];
        var expected = new List<ValidationResult>();
        var expectedValid = Validator.TryValidateObject(instance, new ValidationContext(instance), expected, validateAllProperties: true);

        var actual = new List<ValidationResult>();
        var valid = RequestValidator.TryValidate(instance, actual);

        Assert.Equal(expectedValid, valid);
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void ARequiredPropertyThatIsMissing_IsReportedOnce_WithoutItsOtherRules()
    {
        var errors = new List<ValidationResult>();

        Assert.False(RequestValidator.TryValidate(new OrderLineRequest { ProductId = Guid.NewGuid() }, errors));

        var error = Assert.Single(errors);
        Assert.Equal([nameof(OrderLineRequest.Quantity)], error.MemberNames);
        Assert.Contains("required", error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Describe(List<ValidationResult> results) =>
        [.. results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").Order(StringComparer.Ordinal)];
}
