using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Till.Server.Inventory;

/// <summary>The outcome of counting one product: what the system had, what was counted, and the movement written.</summary>
internal sealed record StockCounted(Guid ProductId, decimal Expected, decimal Counted, decimal Difference, StockMovement? Movement);

internal sealed record MovementDto(
    Guid Id, Guid WarehouseId, Guid ProductId, MovementType Type, decimal Quantity, decimal? UnitCost, decimal BalanceAfter,
    string? ReferenceType, Guid? ReferenceId, string? Notes, Guid? UserId, DateTime CreatedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<StockMovement, MovementDto>> Projection = m => new MovementDto(
        m.Id, m.WarehouseId, m.ProductId, m.Type, m.Quantity, m.UnitCost, m.BalanceAfter, m.ReferenceType, m.ReferenceId, m.Notes, m.UserId, m.CreatedAt);

    public static readonly Func<StockMovement, MovementDto> From = Projection.Compile();
}

internal sealed record StockChangeDto(MovementDto? Movement, decimal Quantity, bool IsNegative);

internal sealed record StockLevelDto(
    Guid WarehouseId, string WarehouseCode, Guid BranchId, Guid ProductId, string Sku, string Name, decimal Quantity,
    decimal? MinStock, decimal? MaxStock, bool IsLow, bool IsNegative, decimal Cost, decimal Value, DateTime UpdatedAt, long Version);

internal sealed record StockAdjustRequest : IValidatableObject
{
    /// <summary>The warehouse; the default warehouse of the caller's branch when omitted.</summary>
    public Guid? WarehouseId { get; init; }

    /// <summary><c>adjustment</c>: <c>quantity</c> is added (signed). <c>count</c>: <c>quantity</c> is what was counted.</summary>
    [Required] public MovementType? MovementType { get; init; }
    [Required, Range(typeof(decimal), "-1000000000", "1000000000")] public decimal? Quantity { get; init; }
    [StringLength(500)] public string? Notes { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MovementType is not null and not (Inventory.MovementType.Adjustment or Inventory.MovementType.Count))
            yield return new ValidationResult("Use 'adjustment' or 'count' here; sales, purchases and transfers post their own movements.", [nameof(MovementType)]);
        if (MovementType == Inventory.MovementType.Adjustment && Quantity == 0)
            yield return new ValidationResult("An adjustment needs a non-zero quantity.", [nameof(Quantity)]);
        if (MovementType == Inventory.MovementType.Count && Quantity < 0)
            yield return new ValidationResult("A counted quantity cannot be negative.", [nameof(Quantity)]);
    }
}

internal sealed record TransferLineRequest
{
    [Required] public Guid? ProductId { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000000")] public decimal? Quantity { get; init; }
}

internal sealed record TransferRequest : IValidatableObject
{
    [Required] public Guid? FromWarehouseId { get; init; }
    [Required] public Guid? ToWarehouseId { get; init; }
    [StringLength(500)] public string? Notes { get; init; }
    [Required, MinLength(1), MaxLength(1000)] public List<TransferLineRequest>? Lines { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FromWarehouseId is not null && FromWarehouseId == ToWarehouseId)
            yield return new ValidationResult("The destination must differ from the source.", [nameof(ToWarehouseId)]);
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            if (Lines![i] is null) yield return new ValidationResult("A line cannot be null.", [$"Lines[{i}]"]);
        }
    }
}

internal sealed record TransferDto(Guid Id, Guid FromWarehouseId, Guid ToWarehouseId, string? Notes, int LineCount, Guid? UserId, DateTime CreatedAt, IReadOnlyList<MovementDto> Movements);

internal sealed record CountLineRequest
{
    [Required] public Guid? ProductId { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000")] public decimal? CountedQuantity { get; init; }
}

internal sealed record CountRequest : IValidatableObject
{
    public Guid? WarehouseId { get; init; }
    [StringLength(500)] public string? Notes { get; init; }
    [Required, MinLength(1), MaxLength(5000)] public List<CountLineRequest>? Lines { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            if (Lines![i] is null) yield return new ValidationResult("A line cannot be null.", [$"Lines[{i}]"]);
        }
    }
}

internal sealed record CountLineDto(Guid ProductId, decimal Expected, decimal Counted, decimal Difference, Guid? MovementId);

internal sealed record CountDto(Guid Id, Guid WarehouseId, IReadOnlyList<CountLineDto> Lines);

internal sealed record InventoryFilter
{
    [FromQuery(Name = "warehouse_id")] public Guid? WarehouseId { get; init; }
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }
    [FromQuery(Name = "product_id")] public Guid? ProductId { get; init; }

    /// <summary>Only levels at or under the branch's min stock.</summary>
    [FromQuery(Name = "low_stock")] public bool? LowStock { get; init; }
    [FromQuery(Name = "negative")] public bool? Negative { get; init; }
}

internal sealed record WarehouseValuationDto(Guid WarehouseId, string Code, string Name, Guid BranchId, int Products, decimal Quantity, decimal Value);

internal sealed record ValuationDto(decimal TotalValue, IReadOnlyList<WarehouseValuationDto> Warehouses);
