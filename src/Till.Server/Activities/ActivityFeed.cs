using System.Text.Json;
using Till.Server.Data;
using Till.Server.Events;

namespace Till.Server.Activities;

/// <summary>Adds activity lines to the caller's unit of work, so they commit (or not) with the change they describe.</summary>
internal static class ActivityFeed
{
    private static readonly JsonSerializerOptions DataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Activity Record(TillDbContext db, string kind, string message, Guid? branchId = null, object? data = null, Guid? tenantId = null)
    {
        var activity = new Activity
        {
            TenantId = tenantId ?? db.Tenant.RequiredTenantId,
            BranchId = branchId,
            UserId = db.Tenant.UserId,
            Kind = kind,
            Message = message,
            Data = data is null ? null : JsonSerializer.Serialize(data, DataJson),
            CreatedAt = DateTime.UtcNow,
        };
        db.Activities.Add(activity);
        // Real-time clients learn of it once the transaction commits.
        db.Raise(new ActivityRecorded(activity.TenantId, activity.BranchId, activity.Id, kind, message));
        return activity;
    }
}
