namespace Till.Sdk;

/// <summary>A product as the terminal sells it: the mirrored catalogue row with the branch's price applied.</summary>
/// <param name="Price">The branch override when there is one, else the catalogue price.</param>
public sealed record ProductInfo(Guid Id, string Sku, string Name, decimal Price, decimal TaxRate, Guid? CategoryId, bool IsActive);
