namespace Till.Server.Catalog;

internal static class ProductCsvApi
{
    public static void Map(RouteGroupBuilder group)
    {
        _ = group;
    }
}
