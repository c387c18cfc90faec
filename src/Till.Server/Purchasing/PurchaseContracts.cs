using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Till.Server.Purchasing;

internal sealed record PurchaseLineRequest
{
    [Required] public Guid? ProductId { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000000")] public decimal? Quantity { get; init; }

    /// <summary>Required for goods received; for a return, the product's current cost when omitted.</summary>
    [Range(typeof(decimal), "0", "1000000000000")] public decimal? UnitCost { get; init; }
}

internal sealed record PurchaseRequest : IValidatableObject
{
    [Required] public Guid? SupplierId { get; init; }

    /// <summary>The default warehouse of the caller's branch when omitted.</summary>
    public Guid? WarehouseId { get; init; }
    [StringLength(64)] public string? Reference { get; init; }
    [StringLength(1000)] public string? Notes { get; init; }
    public DateTime? ReceivedAt { get; init; }
    [Required, MinLength(1), MaxLength(1000)] public List<PurchaseLineRequest>? Lines { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            if (Lines![i] is null) yield return new ValidationResult("A line cannot be null.", [$"Lines[{i}]"]);
            else if (Lines[i].UnitCost is null) yield return new ValidationResult("Goods received need their cost per unit.", [$"Lines[{i}].UnitCost"]);
        }
    }
}

internal sealed record PurchaseReturnRequest : IValidatableObject
{
    [Required] public Guid? SupplierId { get; init; }
    public Guid? WarehouseId { get; init; }

    /// <summary>The receipt the goods came in on; when given, a line may not return more than it received.</summary>
    public Guid? ReturnOfId { get; init; }
    [StringLength(64)] public string? Reference { get; init; }
    [StringLength(1000)] public string? Notes { get; init; }
    [Required, MinLength(1), MaxLength(1000)] public List<PurchaseLineRequest>? Lines { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            if (Lines![i] is null) yield return new ValidationResult("A line cannot be null.", [$"Lines[{i}]"]);
        }
    }
}

internal sealed record PurchaseLineDto(Guid Id, Guid ProductId, decimal Quantity, decimal UnitCost, decimal Total);

internal sealed record PurchaseDto(
    Guid Id, PurchaseKind Kind, Guid SupplierId, Guid WarehouseId, string? Reference, Guid? ReturnOfId, DateTime ReceivedAt,
    decimal Total, string? Notes, Guid? UserId, IReadOnlyList<PurchaseLineDto> Lines, long Version);

internal sealed record PurchaseFilter
{
    /// <summary><c>receipt</c> or <c>return</c> (query enums are bound case-sensitively, so parsed here).</summary>
    [FromQuery(Name = "kind"), RegularExpression("^(receipt|return)$", ErrorMessage = "Use 'receipt' or 'return'.")]
    public string? Kind { get; init; }

    public PurchaseKind? KindValue => Kind switch { "receipt" => PurchaseKind.Receipt, "return" => PurchaseKind.Return, _ => null };
    [FromQuery(Name = "supplier_id")] public Guid? SupplierId { get; init; }
    [FromQuery(Name = "warehouse_id")] public Guid? WarehouseId { get; init; }
}
