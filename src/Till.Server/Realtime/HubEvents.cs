namespace Till.Server.Realtime;

/// <summary>The event names clients subscribe to on /hubs/pos.</summary>
internal static class HubEvents
{
    public const string ChangesAvailable = "changes.available";
    public const string OrderCreated = "order.created";
    public const string OrderUpdated = "order.updated";
    public const string ProductUpdated = "product.updated";
    public const string SettingsChanged = "settings.changed";
    public const string TableUpdated = "table.updated";
    public const string LowStock = "inventory.low_stock";
    public const string ActivityNew = "activity.new";
    public const string Notification = "notification";
    public const string Presence = "presence";
}
