namespace Till.Server.Data;

/// <summary>
/// A tenant-owned row that is only ever read through its parent's key (an order's lines and payments, by
/// <c>order_id</c>): the parent key's index with the tenant filter finds it, so the model gives it no index
/// led by <c>tenant_id</c> of its own (<see cref="TillDbContext"/>). Its table takes the most rows per sale,
/// and every index is one more write for each of them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ReadThroughParentAttribute : Attribute;
