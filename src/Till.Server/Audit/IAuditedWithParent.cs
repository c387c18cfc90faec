namespace Till.Server.Audit;

/// <summary>
/// A row that belongs to another (an order's lines and payments). Created in the same unit of work as its
/// parent, its values are recorded inside the parent's audit entry, in <see cref="AuditCollection"/>, instead
/// of in an entry of its own: a sale is one entry with its lines and payments. When the parent also carries its
/// new children in its change-log row (<see cref="ICarriesChildrenInChanges"/>), the child has no change-log row
/// of its own either; pulls hand it to devices as its own change (<c>Sync/ChangeFeed</c>). Created or changed by
/// itself later (a line added to a tab, a refund's payment), it has its own entry and change as any row.
/// </summary>
internal interface IAuditedWithParent
{
    Guid AuditParentId { get; }

    /// <summary>The name of the list it joins in the parent's <c>new_values</c> and change data (<c>lines</c>, <c>payments</c>).</summary>
    string AuditCollection { get; }
}

/// <summary>
/// A parent whose change-log row, when it is created, carries the children created with it
/// (<see cref="IAuditedWithParent"/>) instead of a row each.
/// </summary>
internal interface ICarriesChildrenInChanges
{
    /// <summary>
    /// Whether this new row carries its children: only when none of them can ever be removed afterwards (a completed
    /// sale, not an open tab). Its first row is then never compacted away (<c>Sync/ChangeLogCompactor</c>), and a child's
    /// tombstone, purged after retention, could not leave a removed child alive in it.
    /// </summary>
    bool CarriesChildren { get; }
}
