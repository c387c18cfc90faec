using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Till.Server.Data;

internal static class ChangeTrackerExtensions
{
    /// <summary>
    /// The tracked entries as last detected. <c>Entries()</c> otherwise detects changes again over
    /// every tracked row, and a push's run tracks thousands: call it right after <c>DetectChanges</c>.
    /// </summary>
    public static List<EntityEntry> EntriesAsDetected(this ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
