using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>CSV export and import of products (columns: <see cref="ProductCsvRow.Columns"/>; barcodes separated by '|').</summary>
internal static class ProductCsvApi
{
    /// <summary>A 100,000-product file with long descriptions stays well under this.</summary>
    public const long MaxImportBytes = 512L * 1024 * 1024;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/export", Export);
        group.MapPost("/import", Import).RequireAuthorization(Permissions.ProductsWrite)
            .WithMetadata(new LargeBodyAttribute(MaxImportBytes))
            .Accepts<string>("text/csv");
    }

    private static async Task<Results<Ok<CsvImportResult>, ProblemHttpResult>> Import(
        HttpRequest request, [FromQuery(Name = "skip_invalid")] bool? skipInvalid, TillDbContext db, CancellationToken ct)
    {
        CsvImportResult result;
        try
        {
            // The body is read as a stream, record by record; it is never buffered whole.
            result = await new ProductCsvImporter(db).ImportAsync(request.Body, skipInvalid == true, ct);
        }
        catch (CsvFormatException e)
        {
            return TypedResults.Problem($"The file is not valid CSV near line {e.LineNumber}: {e.Message}", statusCode: StatusCodes.Status400BadRequest,
                title: "The request is invalid", extensions: new Dictionary<string, object?> { ["line"] = e.LineNumber });
        }

        if (result.Committed) return TypedResults.Ok(result);
        return Problems.Unprocessable(
            $"{result.InvalidRows} row(s) are invalid; nothing was imported. Fix them, or send skip_invalid=true to import the valid rows.",
            new Dictionary<string, object?>
            {
                ["rows"] = result.Rows, ["invalid_rows"] = result.InvalidRows, ["error_count"] = result.ErrorCount,
                ["errors"] = result.Errors.Select(e => new { line = e.Line, sku = e.Sku, field = e.Field, reason = e.Reason }).ToList(),
            });
    }

    /// <summary>Every live product in SKU order, read in keyset pages and written as it goes.</summary>
    private static IResult Export(TillDbContext db, CancellationToken ct) => TypedResults.Stream(async stream =>
    {
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        await using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        csv.WriteHeader(ProductCsvRow.Columns);
        string? after = null;
        while (true)
        {
            var query = db.Products.AsNoTracking();
            if (after is not null) query = query.Where(p => string.Compare(p.Sku, after) > 0);
            var page = await query.OrderBy(p => p.Sku).Take(2000)
                .Select(p => new { p.Sku, p.Name, p.Price, p.Cost, p.TaxRate, p.Unit, p.CategoryId, p.Brand, Barcodes = p.Barcodes.Select(b => b.Code).ToList(), p.Description, p.ImageUrl, p.TrackStock, p.IsActive })
                .ToListAsync(ct);
            foreach (var p in page)
            {
                csv.WriteField(p.Sku);
                csv.WriteField(p.Name);
                csv.WriteField(Number(p.Price));
                csv.WriteField(Number(p.Cost));
                csv.WriteField(Number(p.TaxRate));
                csv.WriteField(p.Unit);
                csv.WriteField(p.CategoryId is { } c ? categories.GetValueOrDefault(c) : null);
                csv.WriteField(p.Brand);
                csv.WriteField(string.Join('|', p.Barcodes.Order(StringComparer.Ordinal)));
                csv.WriteField(p.Description);
                csv.WriteField(p.ImageUrl);
                csv.WriteField(p.TrackStock ? "true" : "false");
                csv.WriteField(p.IsActive ? "true" : "false");
                await csv.EndRecordAsync(ct);
            }

            if (page.Count < 2000) break;
            after = page[^1].Sku;
            await csv.FlushAsync(ct);
        }
    }, "text/csv; charset=utf-8", "products.csv");

    /// <summary>Plain invariant numbers without trailing zeros (PostgreSQL hands back scale 4: 4.0000).</summary>
    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
