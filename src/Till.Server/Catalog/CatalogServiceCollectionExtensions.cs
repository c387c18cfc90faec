using Till.Server.Sync;

namespace Till.Server.Catalog;

internal static class CatalogServiceCollectionExtensions
{
    /// <summary>The till's product edits (for roles allowed to change the catalogue).</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services.AddSyncMutation<ProductUpsertHandler>();
}
