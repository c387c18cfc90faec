using Till.Server.Events;

namespace Till.Server.Inventory;

/// <summary>A product fell to or under its branch's min stock in a warehouse (published as <c>inventory.low_stock</c>).</summary>
internal sealed record LowStockDetected(Guid TenantId, Guid? BranchId, Guid WarehouseId, Guid ProductId, decimal Quantity, decimal MinStock)
    : DomainEvent(TenantId, BranchId);
