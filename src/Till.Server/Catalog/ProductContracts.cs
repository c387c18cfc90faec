using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace Till.Server.Catalog;

internal sealed record ModifierDto(Guid Id, string Name, decimal Price, int SortOrder);

internal sealed record BranchSettingsDto(Guid BranchId, decimal? Price, bool IsAvailable, decimal? MinStock, decimal? MaxStock, string? ShelfLocation, long Version);

/// <summary>
/// A product as a branch sees it: <c>price</c> is the base price, <c>effective_price</c> the one
/// that applies in <c>branch_id</c> (its override, or the base price).
/// </summary>
internal sealed record ProductDto(
    Guid Id, string Sku, string Name, string? Description, string? Brand, string Unit, Guid? CategoryId,
    decimal Cost, decimal Price, decimal EffectivePrice, decimal TaxRate, string? ImageUrl, JsonNode? Attributes,
    bool TrackStock, bool IsActive, bool IsAvailable, IReadOnlyList<string> Barcodes, IReadOnlyList<ModifierDto> Modifiers,
    Guid? BranchId, BranchSettingsDto? Branch, long Version, DateTime UpdatedAt);

internal sealed record ModifierRequest
{
    [Required, StringLength(100, MinimumLength = 1)] public string? Name { get; init; }
    [Range(typeof(decimal), "0", "1000000000")] public decimal? Price { get; init; }
    [Range(0, 10_000)] public int SortOrder { get; init; }
}

internal sealed record ProductRequest : IValidatableObject
{
    [Required, StringLength(64, MinimumLength = 1), RegularExpression(@"^\S(.*\S)?$", ErrorMessage = "The SKU cannot be blank or start or end with spaces.")]
    public string? Sku { get; init; }

    [Required, StringLength(200, MinimumLength = 1), RegularExpression(@"^[\s\S]*\S[\s\S]*$", ErrorMessage = "The name cannot be blank.")]
    public string? Name { get; init; }

    [StringLength(2000)] public string? Description { get; init; }
    [StringLength(100)] public string? Brand { get; init; }
    [StringLength(20)] public string? Unit { get; init; }
    public Guid? CategoryId { get; init; }
    [Range(typeof(decimal), "0", "1000000000000")] public decimal? Cost { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? Price { get; init; }
    [Range(typeof(decimal), "0", "100")] public decimal? TaxRate { get; init; }
    [StringLength(500), Url] public string? ImageUrl { get; init; }
    public JsonObject? Attributes { get; init; }
    public bool? TrackStock { get; init; }
    public bool? IsActive { get; init; }

    /// <summary>Null keeps the current barcodes on update; an empty list removes them.</summary>
    [MaxLength(20)] public List<string>? Barcodes { get; init; }

    /// <summary>Null keeps the current modifiers on update; an empty list removes them.</summary>
    [MaxLength(50)] public List<ModifierRequest>? Modifiers { get; init; }

    /// <summary>The version the client edited; a different current version answers 409.</summary>
    public long? Version { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < (Modifiers?.Count ?? 0); i++)
        {
            if (Modifiers![i] is null) yield return new ValidationResult("A modifier cannot be null.", [$"Modifiers[{i}]"]);
        }

        if (Barcodes is null) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Barcodes.Count; i++)
        {
            if (Barcode.Problem(Barcodes[i]) is { } problem) yield return new ValidationResult(problem, [$"Barcodes[{i}]"]);
            else if (!seen.Add(Barcodes[i])) yield return new ValidationResult($"'{Barcodes[i]}' is listed twice.", [$"Barcodes[{i}]"]);
        }
    }
}

internal sealed record ProductBranchRequest : IValidatableObject
{
    [Range(typeof(decimal), "0", "1000000000000")] public decimal? Price { get; init; }
    public bool IsAvailable { get; init; } = true;
    [Range(typeof(decimal), "0", "1000000000")] public decimal? MinStock { get; init; }
    [Range(typeof(decimal), "0", "1000000000")] public decimal? MaxStock { get; init; }
    [StringLength(50)] public string? ShelfLocation { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinStock is { } min && MaxStock is { } max && max < min)
            yield return new ValidationResult("max_stock cannot be below min_stock.", [nameof(MaxStock)]);
    }
}

/// <summary>Filters of <c>GET /api/products</c> on top of <see cref="Api.PageQuery"/>.</summary>
internal sealed record ProductFilter
{
    [FromQuery(Name = "category_id")] public Guid? CategoryId { get; init; }
    [FromQuery(Name = "active")] public bool? Active { get; init; }

    /// <summary>Only products sold (true) or not sold (false) in the branch.</summary>
    [FromQuery(Name = "available")] public bool? Available { get; init; }

    /// <summary>The branch whose prices and availability apply; the caller's branch by default.</summary>
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }

    /// <summary>Keyset paging from the first page (ordered by SKU); <c>after</c> implies it.</summary>
    [FromQuery(Name = "keyset")] public bool? Keyset { get; init; }

    /// <summary>Keyset paging: the <c>next_cursor</c> of the previous page (results ordered by SKU).</summary>
    [FromQuery(Name = "after"), StringLength(64)] public string? After { get; init; }
}

internal sealed record KeysetMeta(int PerPage, string? NextCursor);

internal sealed record KeysetResponse<T>(IReadOnlyList<T> Data, KeysetMeta Meta);
