using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Server.Activities;
using Till.Server.Data;
using Till.Server.Sync;

namespace Till.Server.Catalog;

/// <summary>What an import did: rows read, products created and updated (zero when rolled back), invalid rows and their errors.</summary>
internal sealed record CsvImportResult(int Rows, int Created, int Updated, int InvalidRows, bool Committed, int ErrorCount, IReadOnlyList<CsvRowError> Errors);

/// <summary>
/// Upserts products by SKU from a CSV stream, reading it record by record and writing in batches
/// inside one transaction, so a 100,000-line file never sits in memory (only the SKUs and barcodes
/// seen so far, to catch duplicates within the file). By default any bad row rolls everything back;
/// with <c>skipInvalid</c> the bad rows are reported and the rest is written.
/// </summary>
internal sealed class ProductCsvImporter(TillDbContext db)
{
    public const int BatchSize = 1000;

    /// <summary>Imports of at least this many products refresh the change log's planner statistics when they commit.</summary>
    private const int AnalyzeAfterRows = 1000;

    /// <summary>Errors listed in the answer; the count covers them all.</summary>
    public const int MaxReportedErrors = 1000;

    private readonly List<CsvRowError> _errors = [];
    private int _errorCount;
    private int _created;
    private int _updated;
    private int _invalidRows;
    private int _batchesWritten;

    public async Task<CsvImportResult> ImportAsync(Stream body, bool skipInvalid, CancellationToken ct)
    {
        await using var csv = CsvReader.Create(body, new CsvReaderOptions { TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: true);
        await csv.ReadHeaderAsync(ct);
        var layout = ProductCsvRow.Layout.From(csv.Headers);
        var missing = new[] { "sku", "name", "price" }.Where(c => !layout.Has(c)).ToList();
        if (missing.Count > 0)
        {
            Report(new CsvRowError(1, null, string.Join(", ", missing), $"The header must name the columns sku, name and price; missing: {string.Join(", ", missing)}."));
            return Result(0, committed: false);
        }

        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var categoryIds = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in categories) categoryIds.TryAdd(c.Name, c.Id);

        var skuLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var barcodeSkus = new Dictionary<string, string>(StringComparer.Ordinal);
        var batch = new List<ProductCsvRow>(BatchSize);
        var rows = 0;
        var rowErrors = new List<CsvRowError>();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Stage the change log: the tenant's tills must keep selling while a big file is read.
        db.ChangeLogBatch = RowId.New();
        while (await csv.ReadAsync(ct))
        {
            rows++;
            var line = (int)csv.LineNumber;
            rowErrors.Clear();
            var row = ProductCsvRow.Parse(csv, layout, line, rowErrors);
            if (row is not null)
            {
                if (skuLines.TryGetValue(row.Sku, out var first)) rowErrors.Add(new CsvRowError(line, row.Sku, "sku", $"The SKU '{row.Sku}' is already on line {first}."));
                foreach (var code in row.Barcodes ?? [])
                {
                    if (barcodeSkus.TryGetValue(code, out var owner) && owner != row.Sku)
                        rowErrors.Add(new CsvRowError(line, row.Sku, "barcodes", $"The barcode '{code}' is already given to SKU '{owner}' in this file."));
                }
            }

            if (rowErrors.Count > 0)
            {
                _invalidRows++;
                rowErrors.ForEach(Report);
                continue;
            }

            skuLines[row!.Sku] = line;
            foreach (var code in row.Barcodes ?? []) barcodeSkus[code] = row.Sku;
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, layout, categoryIds, write: skipInvalid || _errorCount == 0, ct);
                batch.Clear();
            }
        }

        await FlushAsync(batch, layout, categoryIds, write: skipInvalid || _errorCount == 0, ct);
        if (_errorCount > 0 && !skipInvalid)
        {
            await tx.RollbackAsync(ct);
            return Result(rows, committed: false);
        }

        ActivityFeed.Record(db, "catalog.import", $"Product import: {_created} created, {_updated} updated, {_invalidRows} row(s) skipped.",
            data: new { created = _created, updated = _updated, skipped = _invalidRows });
        await ChangeLogWriter.PublishStagedAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The import's change-log rows arrive in one statement at commit. Until autovacuum next analyses the table
        // (up to a minute), the planner takes the new rows for a handful and reads every snapshot page of the new
        // catalogue by sorting the whole rest of the log (about 100 ms a page instead of 10 for 100,000 products):
        // the first devices are usually set up right after a catalogue import.
        if (db.Provider == DatabaseProvider.Postgres && _created + _updated >= AnalyzeAfterRows)
            await db.Database.ExecuteSqlRawAsync("ANALYZE change_log", ct);
        return Result(rows, committed: true);
    }

    /// <summary>Checks a batch against the database (barcodes of other products) and, when allowed, writes it.</summary>
    private async Task FlushAsync(List<ProductCsvRow> batch, ProductCsvRow.Layout layout, Dictionary<string, Guid> categoryIds, bool write, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var skus = batch.Select(r => r.Sku).ToList();
        var existing = await db.Products.Include(p => p.Barcodes).Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, ct);

        var codes = batch.SelectMany(r => r.Barcodes ?? []).ToList();
        var owners = codes.Count == 0 ? [] : await db.ProductBarcodes.AsNoTracking().Where(b => codes.Contains(b.Code))
            .Join(db.Products, b => b.ProductId, p => p.Id, (b, p) => new { b.Code, p.Sku })
            .ToDictionaryAsync(x => x.Code, x => x.Sku, StringComparer.Ordinal, ct);

        var good = new List<ProductCsvRow>(batch.Count);
        foreach (var row in batch)
        {
            var clash = (row.Barcodes ?? []).FirstOrDefault(c => owners.TryGetValue(c, out var sku) && sku != row.Sku);
            if (clash is not null)
            {
                _invalidRows++;
                Report(new CsvRowError(row.Line, row.Sku, "barcodes", $"The barcode '{clash}' is already used by SKU '{owners[clash]}'."));
            }
            else good.Add(row);
        }

        if (!write) return;
        foreach (var row in good)
        {
            Guid? categoryId = null;
            if (row.Category is { } name)
            {
                if (!categoryIds.TryGetValue(name, out var id))
                {
                    var category = new Category { Name = name };
                    db.Categories.Add(category);
                    categoryIds[name] = id = category.Id;
                }

                categoryId = id;
            }

            if (existing.TryGetValue(row.Sku, out var product))
            {
                row.ApplyTo(product, layout, categoryId);
                if (row.Barcodes is { } wanted)
                {
                    foreach (var gone in product.Barcodes.Where(b => !wanted.Contains(b.Code)).ToList()) db.ProductBarcodes.Remove(gone);
                    var kept = product.Barcodes.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
                    db.ProductBarcodes.AddRange(wanted.Where(c => !kept.Contains(c)).Select(c => new ProductBarcode { ProductId = product.Id, Code = c }));
                }

                _updated++;
            }
            else
            {
                product = new Product { Sku = row.Sku, Name = row.Name };
                row.ApplyTo(product, layout, categoryId);
                db.Products.Add(product);
                db.ProductBarcodes.AddRange((row.Barcodes ?? []).Select(c => new ProductBarcode { ProductId = product.Id, Code = c }));
                _created++;
            }
        }

        await db.SaveChangesAsync(ct);
        // Keeps memory flat over the whole file: nothing of this batch is needed any more.
        db.ChangeTracker.Clear();

        // The planner's row counts still describe the tables before this transaction; once they have
        // grown a lot it would scan them for every batch's lookups. Refresh the statistics as they double.
        if (db.Provider == DatabaseProvider.Postgres && ++_batchesWritten is var n && (n & (n - 1)) == 0)
            await db.Database.ExecuteSqlRawAsync("ANALYZE products, product_barcodes", ct);
    }

    private void Report(CsvRowError error)
    {
        _errorCount++;
        if (_errors.Count < MaxReportedErrors) _errors.Add(error);
    }

    private CsvImportResult Result(int rows, bool committed) =>
        new(rows, committed ? _created : 0, committed ? _updated : 0, _invalidRows, committed, _errorCount, _errors);
}
