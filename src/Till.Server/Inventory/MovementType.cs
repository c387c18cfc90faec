namespace Till.Server.Inventory;

/// <summary>Why stock moved. The sign of the quantity says which way.</summary>
internal enum MovementType
{
    Sale,
    Return,
    Purchase,
    PurchaseReturn,
    Adjustment,
    Count,
    TransferOut,
    TransferIn,
    VanLoad,
}
