using Microsoft.AspNetCore.SignalR;
using Till.Server.Activities;
using Till.Server.Events;
using Till.Server.Sync;

namespace Till.Server.Realtime;

/// <summary>
/// Turns committed domain events into hub messages for exactly the right groups. Changes become a
/// <c>changes.available</c> nudge (devices then pull) plus a typed event per entity kind.
/// </summary>
internal sealed class HubEventSink(IHubContext<PosHub> hub) : IDomainEventSink
{
    public async Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var domainEvent in events)
        {
            switch (domainEvent)
            {
                case ChangesCommitted changes:
                    await PublishChangesAsync(changes, ct);
                    break;
                case BulkChangesCommitted bulk:
                    await SendAsync(bulk.TenantId, null, HubEvents.ChangesAvailable, new { server_seq = bulk.LatestSeq, branch_id = (Guid?)null }, ct);
                    break;
                case ActivityRecorded activity:
                    await SendAsync(activity.TenantId, activity.BranchId, HubEvents.ActivityNew,
                        new { id = activity.ActivityId, kind = activity.Kind, message = activity.Message, branch_id = activity.BranchId }, ct);
                    break;
                case IHubEvent custom:
                    await SendAsync(domainEvent.TenantId, domainEvent.BranchId, custom.HubEventName, custom.HubPayload, ct);
                    break;
            }
        }
    }

    private async Task PublishChangesAsync(ChangesCommitted changes, CancellationToken ct)
    {
        var seq = changes.LatestSeq;
        foreach (var branch in changes.Branches)
            await SendAsync(changes.TenantId, branch, HubEvents.ChangesAvailable, new { server_seq = seq, branch_id = branch }, ct);

        foreach (var entry in changes.Entries)
        {
            var name = entry.EntityType switch
            {
                "order" => entry.Version == 1 ? HubEvents.OrderCreated : HubEvents.OrderUpdated,
                "product" or "product_branch_override" => HubEvents.ProductUpdated,
                "restaurant_table" or "table" => HubEvents.TableUpdated,
                "branch" or "tenant_setting" or "branch_setting" or "setting" => HubEvents.SettingsChanged,
                _ => null,
            };
            if (name is null) continue;
            await SendAsync(changes.TenantId, entry.BranchId, name,
                new { id = entry.EntityId, entity = entry.EntityType, version = entry.Version, deleted = entry.IsDeleted, seq, branch_id = entry.BranchId }, ct);
        }
    }

    private Task SendAsync(Guid tenantId, Guid? branchId, string name, object payload, CancellationToken ct) =>
        hub.Clients.Groups(HubGroups.For(tenantId, branchId)).SendAsync(name, payload, ct);
}

/// <summary>A domain event that goes to clients as is (e.g. a low-stock warning or a notification).</summary>
internal interface IHubEvent
{
    string HubEventName { get; }
    object HubPayload { get; }
}
