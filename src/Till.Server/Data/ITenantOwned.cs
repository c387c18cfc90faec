namespace Till.Server.Data;

/// <summary>A row that belongs to exactly one tenant. The tenant query filter applies to it.</summary>
internal interface ITenantOwned
{
    Guid TenantId { get; set; }
}
