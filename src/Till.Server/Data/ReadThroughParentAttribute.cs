namespace Till.Server.Data;

/// <summary>
/// A tenant-owned row that is only ever read through its parent's key (an order's lines and payments, by
/// <c>order_id</c>; a device's stored mutation answers, by device and number): that key's index finds it, so the
/// model gives it no index led by <c>tenant_id</c> of its own (<see cref="TillDbContext"/>). Such tables take a
/// row or more per sale, and every index is one more write for each of them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ReadThroughParentAttribute : Attribute;
