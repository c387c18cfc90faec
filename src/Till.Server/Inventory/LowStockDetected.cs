using Till.Server.Events;
using Till.Server.Realtime;

namespace Till.Server.Inventory;

/// <summary>A product fell to or under its branch's min stock in a warehouse (published as <c>inventory.low_stock</c>).</summary>
internal sealed record LowStockDetected(Guid TenantId, Guid? BranchId, Guid WarehouseId, Guid ProductId, decimal Quantity, decimal MinStock)
    : DomainEvent(TenantId, BranchId), IHubEvent
{
    public string HubEventName => HubEvents.LowStock;

    public object HubPayload => new { product_id = ProductId, warehouse_id = WarehouseId, branch_id = BranchId, quantity = Quantity, min_stock = MinStock };
}
