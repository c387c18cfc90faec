namespace Till.Server.Audit;

/// <summary>
/// A row that belongs to another (an order's lines and payments). Created in the same unit of work as its
/// parent, its values are recorded inside the parent's audit entry, in <see cref="AuditCollection"/>, instead
/// of in an entry of its own: a sale is one entry with its lines and payments. Created or changed by itself
/// later (a line added to a tab, a refund's payment), it has its own entry as any row.
/// </summary>
internal interface IAuditedWithParent
{
    Guid AuditParentId { get; }

    /// <summary>The name of the list it joins in the parent's <c>new_values</c> (<c>lines</c>, <c>payments</c>).</summary>
    string AuditCollection { get; }
}
