namespace Till.Server.Data;

/// <summary>
/// A synced row that belongs to one branch: only devices of that branch receive it. Rows that do
/// not implement this (catalogue, customers, settings) go to every device of the tenant.
/// </summary>
internal interface IBranchScoped
{
    /// <summary>The branch whose devices receive this row; null means every device of the tenant.</summary>
    Guid? SyncBranchId { get; }
}
