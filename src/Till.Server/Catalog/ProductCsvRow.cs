using System.Globalization;
using CsvHelper;

namespace Till.Server.Catalog;

internal sealed record CsvRowError(int Line, string? Sku, string Field, string Reason);

/// <summary>
/// One product line of an import file, parsed and checked on its own. An optional column that is
/// absent from the file leaves the product's current value alone; present but empty clears it.
/// </summary>
internal sealed class ProductCsvRow
{
    public static readonly string[] Columns =
        ["sku", "name", "price", "cost", "tax_rate", "unit", "category", "brand", "barcodes", "description", "image_url", "track_stock", "is_active"];

    public int Line { get; private init; }
    public string Sku { get; private init; } = "";
    public string Name { get; private set; } = "";
    public decimal Price { get; private set; }
    public decimal? Cost { get; private set; }
    public decimal? TaxRate { get; private set; }
    public string? Unit { get; private set; }
    public string? Category { get; private set; }
    public string? Brand { get; private set; }
    public string[]? Barcodes { get; private set; }
    public string? Description { get; private set; }
    public string? ImageUrl { get; private set; }
    public bool? TrackStock { get; private set; }
    public bool? IsActive { get; private set; }

    /// <summary>Which optional columns the file has (by name), so absent ones are left alone on update.</summary>
    public sealed class Layout
    {
        public Dictionary<string, int> Index { get; } = new(StringComparer.OrdinalIgnoreCase);
        public bool Has(string column) => Index.ContainsKey(column);

        public static Layout From(IReadOnlyList<string> headers)
        {
            var layout = new Layout();
            for (var i = 0; i < headers.Count; i++)
            {
                var name = headers[i].Trim().ToLowerInvariant();
                if (Columns.Contains(name)) layout.Index.TryAdd(name, i);
            }

            return layout;
        }
    }

    /// <summary>Parses the reader's current record; adds every problem found to <paramref name="errors"/>.</summary>
    public static ProductCsvRow? Parse(CsvReader csv, Layout layout, int line, List<CsvRowError> errors)
    {
        string? Get(string column) => layout.Index.TryGetValue(column, out var i) && !csv.IsNull(i) ? csv.GetString(i).Trim() : null;
        var before = errors.Count;
        var sku = Get("sku");
        void Fail(string field, string reason) => errors.Add(new CsvRowError(line, sku, field, reason));

        if (sku is null) Fail("sku", "The SKU is required.");
        else if (sku.Length > 64) Fail("sku", "The SKU has at most 64 characters.");
        var name = Get("name");
        if (name is null) Fail("name", "The name is required.");
        else if (name.Length > 200) Fail("name", "The name has at most 200 characters.");

        var price = Money(Get("price"), "price", required: true, max: 1_000_000_000_000m, Fail);
        var cost = Money(Get("cost"), "cost", required: false, max: 1_000_000_000_000m, Fail);
        var taxRate = Money(Get("tax_rate"), "tax_rate", required: false, max: 100m, Fail);
        var unit = Text(Get("unit"), "unit", 20, Fail);
        var category = Text(Get("category"), "category", 100, Fail);
        var brand = Text(Get("brand"), "brand", 100, Fail);
        var description = Text(Get("description"), "description", 2000, Fail);
        var imageUrl = Text(Get("image_url"), "image_url", 500, Fail);
        if (imageUrl is not null && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            Fail("image_url", "Give an absolute http(s) URL.");

        string[]? barcodes = null;
        if (layout.Has("barcodes"))
        {
            barcodes = Get("barcodes") is { } list ? list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (barcodes.Length > 20) Fail("barcodes", "At most 20 barcodes per product.");
            foreach (var code in barcodes)
            {
                if (Barcode.Problem(code) is { } problem) Fail("barcodes", problem);
            }

            if (barcodes.Distinct(StringComparer.Ordinal).Count() != barcodes.Length) Fail("barcodes", "A barcode is listed twice.");
        }

        var trackStock = Flag(Get("track_stock"), "track_stock", Fail);
        var isActive = Flag(Get("is_active"), "is_active", Fail);
        if (errors.Count > before) return null;

        return new ProductCsvRow
        {
            Line = line, Sku = sku!, Name = name!, Price = price!.Value, Cost = cost, TaxRate = taxRate, Unit = unit, Category = category,
            Brand = brand, Barcodes = barcodes, Description = description, ImageUrl = imageUrl, TrackStock = trackStock, IsActive = isActive,
        };
    }

    /// <summary>Copies the row onto a product, leaving alone what the file has no column for.</summary>
    public void ApplyTo(Product product, Layout layout, Guid? categoryId)
    {
        product.Name = Name;
        product.Price = Price;
        if (layout.Has("cost")) product.Cost = Cost ?? 0;
        if (layout.Has("tax_rate")) product.TaxRate = TaxRate ?? 0;
        if (layout.Has("unit")) product.Unit = Unit ?? "pcs";
        if (layout.Has("category")) product.CategoryId = categoryId;
        if (layout.Has("brand")) product.Brand = Brand;
        if (layout.Has("description")) product.Description = Description;
        if (layout.Has("image_url")) product.ImageUrl = ImageUrl;
        if (layout.Has("track_stock")) product.TrackStock = TrackStock ?? true;
        if (layout.Has("is_active")) product.IsActive = IsActive ?? true;
    }

    private static decimal? Money(string? value, string field, bool required, decimal max, Action<string, string> fail)
    {
        if (value is null)
        {
            if (required) fail(field, $"The {field.Replace('_', ' ')} is required.");
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            fail(field, $"'{value}' is not a number (use a dot for decimals, e.g. 12.50).");
            return null;
        }

        if (number < 0 || number > max)
        {
            fail(field, $"Must be between 0 and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return decimal.Round(number, 4);
    }

    private static string? Text(string? value, string field, int max, Action<string, string> fail)
    {
        if (value is not null && value.Length > max) fail(field, $"At most {max} characters.");
        return value;
    }

    private static bool? Flag(string? value, string field, Action<string, string> fail)
    {
        switch (value?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "1" or "yes" or "y": return true;
            case "false" or "0" or "no" or "n": return false;
            default:
                fail(field, $"'{value}' is not true or false.");
                return null;
        }
    }
}
