using Till.Server.Tenancy;

namespace Till.Server.Orders;

/// <summary>A branch's local time, for promotions' time windows and the receipt.</summary>
internal static class BranchTime
{
    public static DateTime Local(Branch branch, DateTime utc)
    {
        try
        {
            return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(branch.Timezone));
        }
        catch (TimeZoneNotFoundException)
        {
            return utc;
        }
    }
}
