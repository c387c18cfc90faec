namespace Till.Server.Catalog;

internal static class CatalogEndpoints
{
    /// <summary>Categories and products (with barcodes, branch overrides, modifiers and CSV import/export).</summary>
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapCategoriesApi();
        routes.MapProductsApi();
        return routes;
    }
}
