using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Licensing;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Receipts;
using Till.Core.Sync;
using Till.Server.Audit;
using Till.Server.Customers;
using Till.Server.Data;
using Till.Server.Inventory;
using Till.Server.Licensing;
using Till.Server.Restaurant;
using Till.Server.Shifts;
using Till.Server.Tenancy;

namespace Till.Server.Orders;

/// <summary>
/// Books sales: the online checkout, tabs that complete later and offline sales pushed by tills.
/// Prices with <c>Till.Core</c>, settles payments, takes stock and books loyalty in one transaction.
/// Refusals are <see cref="OrderRefusedException"/>s; an offline sale is only refused when it is
/// malformed or not allowed, every other difference is flagged on the order for review.
/// </summary>
internal sealed class Checkout(TillDbContext db, StockLedger stock, LoyaltyLedger loyalty, LicenseGuard licenses, BulkSaver bulk, SaleReferenceCache shared, SaleCombiner combiner,
    TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Refuses an online sale from a till whose licence does not allow selling (offline sales pushed
    /// later, refunds, voids and sync never ask: what was sold is kept).
    /// </summary>
    public async Task EnsureMaySellAsync(Guid? deviceId, CancellationToken ct)
    {
        if (deviceId is not { } sellingDevice) return;
        var decision = await licenses.CheckAsync(sellingDevice, ct);
        if (!decision.Allows(LicensedOperation.Sell)) throw Refuse(OrderError.Forbidden(decision.Reason));
    }

    public async Task<Order> SellAsync(SaleInput input, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SellOnceAsync(input, ct);
            }
            catch (Exception e) when (attempt < 3 && db.Database.CurrentTransaction is null && Data.RowLocks.IsRetryable(e))
            {
                // A deadlock against a push taking the same stock rows: the sale was rolled back whole; run it again.
                db.ChangeTracker.Clear();
                db.TakeEvents();
            }
        }
    }

    private async Task<Order> SellOnceAsync(SaleInput input, CancellationToken ct, bool combine = true)
    {
        // The same order pushed (or posted) twice is the same sale; a till completing its own tab sends the tab's id.
        if (input.OrderId is { } knownId && await db.Orders.AnyAsync(o => o.Id == knownId, ct) && await LoadAsync(knownId, ct) is { } existing)
            return existing.Status == OrderStatus.Open && input.Offline && !input.Open ? await CompleteOpenWithDeviceLinesAsync(existing, input, ct) : existing;
        var (branch, device) = await BranchAndDeviceAsync(input.BranchId, input.DeviceId, ct);
        if (input.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            throw Refuse(OrderError.Invalid("customer_id", "No customer with this id."));
        if (input.TableId is { } tableId && !await db.RestaurantTables.AnyAsync(t => t.Id == tableId && t.BranchId == branch.Id, ct))
            throw Refuse(OrderError.Invalid("table_id", "No table with this id in the branch."));
        // A till checks the discount permission itself when it is offline; its completed sale is a fact.
        if (!input.Offline && (input.OrderDiscount is not null || input.Lines.Any(l => l.Discount is not null)) && !db.Tenant.HasPermission(Permissions.DiscountsOverride))
            throw Refuse(OrderError.Forbidden($"Manual discounts need the '{Permissions.DiscountsOverride}' permission."));

        var review = new List<string>();
        var order = NewOrder(input, branch, device);
        var soldAt = order.OpenedAt;
        var catalog = await LoadCatalogAsync(order.BranchId, input.Lines.Select(l => l.ProductId), ct);
        order.Lines.AddRange(BuildLines(order, input.Lines, input.Offline, review, catalog));
        var setup = input.Open ? null : await SetupAsync(branch.Id, Tracked(catalog), input, ct);

        if (input.ShiftId is { } shiftId && await db.Shifts.AnyAsync(s => s.Id == shiftId && s.DeviceId == input.DeviceId, ct))
            order.ShiftId = shiftId;
        else if (device is not null)
            order.ShiftId = await OpenShiftAsync(device.Id, ct);

        // An online sale that writes nothing but its own rows goes through the tenant's group commit; when the
        // batch it joined rolled back (a deadlock), it is sold again, alone.
        if (combine && Combinable(input) && db.Database.CurrentTransaction is null && db.Provider == DatabaseProvider.Postgres)
            return await SellTogetherAsync(order, input, branch, device, catalog, review, setup!, ct) ?? await SellOnceAsync(input, ct, combine: false);

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // A failed save fails the whole sale: no savepoint round trips around each SaveChanges.
        if (own is not null) db.Database.AutoSavepointsEnabled = false;
        // A completed sale in its own transaction on PostgreSQL is written without the change tracker: its
        // rows, their audit and change-log rows and the commit in one round trip, the change log last, numbered
        // on insert under the tenant's commit lock (held from there to the commit only, inside PostgreSQL).
        var direct = own is not null && !input.Open && db.Provider == DatabaseProvider.Postgres;
        if (direct) db.DeferredChangeLog = [];
        try
        {
            if (!direct) db.Orders.Add(order);
            IEnumerable<StockMovement> movements = [];
            if (input.Open)
            {
                // A tab opened on a till gets its number from the till when it completes.
                order.Number = input.Offline && input.Number is null ? null : (await NumberAsync(branch, device, input, ct)).ToString();
                if (input.TableId is { } table) await SetTableStatusAsync(table, TableStatus.Occupied, ct);
            }
            else
            {
                movements = await CompleteAsync(order, order.Lines, branch, input, soldAt, review, ct, setup, NumberSource(branch, device, input), track: !direct);
            }
            // What the unit of work tracks: the sale, or (direct) only what it touched besides its own rows (a customer's points, an activity).
            await db.SaveChangesAsync(ct);
            // Direct: the sale's rows, their change log and the COMMIT in one round trip.
            if (direct) await bulk.InsertAndCommitAsync(db, [order, .. order.Lines, .. order.Payments, .. movements], ct);
            else if (own is not null) await own.CommitAsync(ct);
            return order;
        }
        finally
        {
            if (direct) db.DeferredChangeLog = null;
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// A sale whose only writes are its own rows: an online, completed sale with no customer (points are
    /// posted on the customer's row), no table (its status changes) and no till total to compare.
    /// </summary>
    private static bool Combinable(SaleInput input) =>
        input is { Open: false, Offline: false, CustomerId: null, TableId: null, DeviceGrandTotal: null };

    /// <summary>
    /// Prices and settles a <see cref="Combinable"/> sale here, then hands its writes to the tenant's group commit
    /// (<see cref="SaleCombiner"/>): the sale is numbered, takes its stock and is committed with the other sales
    /// that reached this node meanwhile. Null when that batch rolled back as a whole: the caller sells it again alone.
    /// </summary>
    private async Task<Order?> SellTogetherAsync(Order order, SaleInput input, Branch branch, Device? device, Dictionary<Guid, SaleProduct> catalog,
        List<string> review, SaleSetup setup, CancellationToken ct)
    {
        Settle(order, order.Lines, branch, input, order.OpenedAt, review, setup);
        var sale = new CombinedSale(order, Postings(order, Sold(order, order.Lines, setup), setup), branch.Code, DeviceCode(device), AuditActor.Of(db.Tenant),
            [.. catalog.Values.Select(p => (p.Id, p.Name, p.MinStock))]);
        if (await combiner.WriteAsync(db.Tenant.RequiredTenantId, sale, WriteTogetherAsync, RowLocks.IsRetryable) == SaleCombiner.Outcome.Written) return order;
        // Rolled back: nothing of the batch stays, neither tracked nor to be published.
        db.ChangeTracker.Clear();
        db.TakeEvents();
        return null;
    }

    /// <summary>A settled online sale waiting for the tenant's group commit, with who made it and what the low-stock check needs of its products.</summary>
    private sealed record CombinedSale(Order Order, List<StockPosting> Postings, string BranchCode, string DeviceCode, AuditActor Actor,
        List<(Guid ProductId, string Name, decimal? MinStock)> Products);

    /// <summary>
    /// Writes a batch of settled online sales (this request's and others') in one transaction, in three round trips:
    /// every till's next number (in till order); the rows with their audit entries (each with its own sale's user,
    /// till and address) and then one upsert of every level the batch touches (in key order, each sale's balances as
    /// if posted in turn); the stock movements, the change log and the <c>COMMIT</c>. The levels, which other
    /// batches and pushes of the tenant may be waiting for, are held only over the last round trip.
    /// </summary>
    private async Task WriteTogetherAsync(IReadOnlyList<CombinedSale> sales)
    {
        // Other requests' sales ride on this one: one client going away does not abort theirs.
        var ct = CancellationToken.None;
        await using var own = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        db.DeferredChangeLog = [];
        try
        {
            foreach (var sale in sales)
                foreach (var (productId, name, minStock) in sale.Products) stock.Know(productId, name, sale.Order.BranchId, minStock);
            var numbers = sales.Select(s => OrderNumbers.Next(db, s.BranchCode, s.DeviceCode)).ToList();
            // Counters in till order: two batches (two nodes) never wait on each other's counters crosswise.
            await IBatchedStatement.ExecuteAllAsync(db, [.. numbers.OrderBy(n => n.Prefix, StringComparer.Ordinal).Select(n => n.Statement)], ct);

            var rows = new List<object>();
            var actors = new Dictionary<object, AuditActor>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < sales.Count; i++)
            {
                var (sale, order) = (sales[i], sales[i].Order);
                order.Number = numbers[i].Taken!.Value.ToString();
                foreach (var row in order.Lines.Cast<object>().Prepend(order).Concat(order.Payments))
                {
                    rows.Add(row);
                    actors[row] = sale.Actor;
                }
            }
            // The sales' rows and their audit go ahead of the level upsert, in its round trip: the levels (the rows other
            // batches and pushes wait for) are locked from there to the commit only, not while this batch is written.
            var inserts = bulk.PrepareInsert(db, rows, row => actors[row]);
            // The postings in sale order, each with its sale (the ledger answers in the order it was given).
            var postings = sales.SelectMany(s => s.Postings.Select(p => (Posting: p, Sale: s))).ToList();
            var posted = await stock.PostManyAsync([.. postings.Select(p => p.Posting)], ct, [inserts], track: false);
            var movements = new List<object>(posted.Count);
            foreach (var ((movement, _), (_, sale)) in posted.Zip(postings))
            {
                (movement.Notes, movement.UserId) = (sale.Order.Number, sale.Actor.UserId);
                movements.Add(movement);
                actors[movement] = sale.Actor;
            }
            // What the batch tracked besides its rows (a low-stock activity).
            await db.SaveChangesAsync(ct);
            await bulk.InsertAndCommitAsync(db, movements, ct, row => actors[row]);
        }
        finally
        {
            db.DeferredChangeLog = null;
        }
    }

    /// <summary>
    /// Books a run of a till's offline sales (a push's consecutive <c>order.complete</c>s) with the
    /// same rules and effects as <see cref="SellAsync"/> one by one, but set-based: one read per kind
    /// of reference for the whole run, one number check, one stock upsert for every level the run
    /// touches (in key order) and one save. Refuses the run, with the first refusal, when any sale in
    /// it is refused; the caller then books them one by one to answer each alone. Sales that are not
    /// plain new offline sales of one till (a tab completed, a repeated id) go one by one here.
    /// </summary>
    public async Task<IReadOnlyList<Order>> SellManyAsync(IReadOnlyList<SaleInput> inputs, CancellationToken ct)
    {
        var first = inputs[0];
        var ids = inputs.Select(i => i.OrderId ?? Guid.Empty).ToList();
        var plain = inputs.All(i => i is { Offline: true, Open: false, OrderId: not null, Number: not null }
            && i.BranchId == first.BranchId && i.DeviceId == first.DeviceId)
            && ids.Distinct().Count() == ids.Count && inputs.Select(i => i.Number).Distinct().Count() == inputs.Count
            // Any order with one of these ids, of any tenant, would refuse the run's insert: only the
            // primary key is asked (100 probes), never a scan of the tenant's orders.
            && !await db.Orders.IgnoreQueryFilters().AnyAsync(o => ids.Contains(o.Id), ct);
        if (!plain)
        {
            var one = new List<Order>(inputs.Count);
            foreach (var input in inputs) one.Add(await SellOnceAsync(input, ct));
            return one;
        }

        var (branch, device) = await BranchAndDeviceAsync(first.BranchId, first.DeviceId, ct);
        var customerIds = inputs.Where(i => i.CustomerId is not null).Select(i => i.CustomerId!.Value).Distinct().ToList();
        if (customerIds.Count > 0 && await db.Customers.CountAsync(c => customerIds.Contains(c.Id), ct) != customerIds.Count)
            throw Refuse(OrderError.Invalid("customer_id", "No customer with this id."));
        var tableIds = inputs.Where(i => i.TableId is not null).Select(i => i.TableId!.Value).Distinct().ToList();
        if (tableIds.Count > 0 && await db.RestaurantTables.CountAsync(t => tableIds.Contains(t.Id) && t.BranchId == branch.Id, ct) != tableIds.Count)
            throw Refuse(OrderError.Invalid("table_id", "No table with this id in the branch."));

        var catalog = await LoadCatalogAsync(branch.Id, inputs.SelectMany(i => i.Lines).Select(l => l.ProductId), ct);
        var tracked = Tracked(catalog);
        var shiftIds = inputs.Where(i => i.ShiftId is not null).Select(i => i.ShiftId!.Value).Distinct().ToList();
        var shifts = shiftIds.Count == 0 ? [] : (await db.Shifts.Where(s => shiftIds.Contains(s.Id) && s.DeviceId == first.DeviceId).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        Guid? openShift = null;
        if (device is not null && inputs.Any(i => i.ShiftId is not { } id || !shifts.Contains(id)))
            openShift = await OpenShiftAsync(device.Id, ct);

        var sales = new List<(Order Order, SaleSetup Setup, List<string> Review)>(inputs.Count);
        foreach (var input in inputs)
        {
            var review = new List<string>();
            var order = NewOrder(input, branch, device);
            order.Lines.AddRange(BuildLines(order, input.Lines, offline: true, review, catalog));
            order.ShiftId = input.ShiftId is { } shiftId && shifts.Contains(shiftId) ? shiftId : openShift;
            var setup = await SetupAsync(branch.Id, tracked, input, ct);
            Settle(order, order.Lines, branch, input, order.OpenedAt, review, setup);
            sales.Add((order, setup, review));
        }

        // Numbers: each till's own; the counter is raised once. A number already used fails the run's
        // insert on the unique index (the run is then booked one by one, where that sale is refused
        // alone). No query first: asking for a hundred numbers at once made the planner scan all of
        // the tenant's numbers whenever its statistics lagged behind a fast-growing table.
        var numbers = new List<ReceiptNumber>(inputs.Count);
        foreach (var (order, input) in sales.Select((s, i) => (s.Order, inputs[i])))
        {
            var number = await NumberAsync(branch, device, input, ct, checkUnique: false);
            order.Number = number.ToString();
            numbers.Add(number);
        }
        await OrderNumbers.ObserveAsync(db, numbers.MaxBy(n => n.Sequence)!, ct);

        // The run's orders, lines and payments, with their audit and change-log rows, go in before any
        // stock row is taken: the push holds every level it upserts until it commits, and the other
        // pushes selling the same products wait for those rows meanwhile.
        // (What each sale takes from stock is worked out first: saved rows are no longer tracked, and
        // detaching a line can take it out of its order's collection.)
        var sold = sales.Select(s => Sold(s.Order, s.Order.Lines, s.Setup)).ToList();
        var postings = sales.SelectMany((s, i) => Postings(s.Order, sold[i], s.Setup)).ToList();
        foreach (var (order, _, review) in sales) MarkForReview(order, review);
        // Inserted without ever being tracked: a run's rows are only written, never changed again here.
        await bulk.InsertAsync(db, [.. sales.SelectMany(s => s.Order.Lines.Cast<object>().Prepend(s.Order).Concat(s.Order.Payments))], ct);

        // Every level the run touches in one upsert; each sale's balances and negative-stock notes as if posted in turn.
        var posted = postings.Count == 0 ? [] : await stock.PostManyAsync(postings, ct, track: false);
        await bulk.InsertAsync(db, [.. posted.Select(p => p.Movement)], ct);
        var offset = 0;
        for (var i = 0; i < sales.Count; i++)
        {
            var (order, review) = (sales[i].Order, sales[i].Review);
            var noted = review.Count;
            NoteNegativeStock(order, sold[i], posted.Skip(offset).Take(sold[i].Count).ToList(), review);
            offset += sold[i].Count;
            if (review.Count > noted)
            {
                // Saved already: the flag (rare, stock below zero) is an update of the order, audited and logged as one.
                db.Attach(order);
                MarkForReview(order, review);
            }
            RecordReview(order, review);
        }
        await bulk.SaveAsync(db, ct);
        // Points after the orders are in: each posting touches its customer's row and saves by itself.
        foreach (var (order, _, _) in sales) await PostLoyaltyAsync(order, ct);
        return [.. sales.Select(s => s.Order)];
    }

    /// <summary>
    /// The till's open shift. An online sale takes it from the tenant's copy (cleared by every
    /// commit that opens or closes a shift); inside a push, where an earlier mutation of the same
    /// transaction may have opened it, it is read.
    /// </summary>
    private Task<Guid?> OpenShiftAsync(Guid deviceId, CancellationToken ct)
    {
        var read = () => db.Shifts.Where(s => s.DeviceId == deviceId && s.Status == ShiftStatus.Open).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        return db.Database.CurrentTransaction is null ? shared.GetAsync(db.Tenant.RequiredTenantId, ("open_shift", deviceId), read) : read();
    }

    /// <summary>The sale's branch and till (reference data), refusing a till of another branch.</summary>
    private async Task<(Branch Branch, Device? Device)> BranchAndDeviceAsync(Guid branchId, Guid? deviceId, CancellationToken ct)
    {
        var branch = await CachedAsync(("branch", branchId), () => db.Branches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == branchId, ct))
            ?? throw Refuse(OrderError.Invalid("branch_id", "No branch with this id."));
        var device = deviceId is { } id ? await CachedAsync(("device", id), () => db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)) : null;
        if (device is not null && device.BranchId != branch.Id)
            throw Refuse(OrderError.Invalid("branch_id", "The device belongs to another branch."));
        return (branch, device);
    }

    private Order NewOrder(SaleInput input, Branch branch, Device? device) => new()
    {
        Id = input.OrderId ?? RowId.New(), BranchId = branch.Id, DeviceId = device?.Id, CustomerId = input.CustomerId,
        CashierId = input.CashierId ?? db.Tenant.UserId, TableId = input.TableId, Guests = input.Guests, Status = OrderStatus.Open,
        Currency = branch.Currency, TaxMode = branch.TaxMode, OrderDiscountKind = input.OrderDiscount?.Kind, OrderDiscountValue = input.OrderDiscount?.Value,
        CouponCodes = input.Coupons.Count == 0 ? null : string.Join(",", input.Coupons.Select(c => c.Trim())),
        Note = input.Note, OpenedAt = input.SoldAt is { } at ? at.ToUniversalTime() : clock.GetUtcNow().UtcDateTime, IsOffline = input.Offline,
    };

    /// <summary>Completes an open tab with payments (prices its lines now).</summary>
    public async Task<Order> CompleteTabAsync(Guid orderId, IReadOnlyList<TenderInput> payments, long pointsToRedeem, bool offline, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowLocks.ForUpdateAsync<Order>(db, orderId, ct);
            var order = await LoadAsync(orderId, ct) ?? throw Refuse(OrderError.NotFound("The order"));
            if (order.Status == OrderStatus.Completed && offline) return order;
            if (order.Status != OrderStatus.Open) throw Refuse(OrderError.Conflict($"The order is {order.Status.ToString().ToLowerInvariant()}, not open."));
            var branch = await db.Branches.AsNoTracking().FirstAsync(b => b.Id == order.BranchId, ct);
            var review = new List<string>();
            // Lines removed earlier in this unit of work may still sit in the tracked collection as tombstones.
            var lines = order.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).ThenBy(l => l.Id).ToList();
            if (lines.Count == 0) throw Refuse(OrderError.Unprocessable("The tab has no lines."));
            order.IsOffline |= offline;
            await CompleteAsync(order, lines, branch, new SaleInput(order.BranchId, [], payments) { PointsToRedeem = pointsToRedeem, Offline = offline }, clock.GetUtcNow().UtcDateTime, review, ct);
            if (order.TableId is { } table && !await db.Orders.AnyAsync(o => o.TableId == table && o.Status == OrderStatus.Open && o.Id != order.Id, ct))
                await SetTableStatusAsync(table, TableStatus.NeedsCleaning, ct);
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return order;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>A till completed a tab it opened: its lines (by line id) and prices are what was sold.</summary>
    private async Task<Order> CompleteOpenWithDeviceLinesAsync(Order order, SaleInput input, CancellationToken ct)
    {
        var branch = await db.Branches.AsNoTracking().FirstAsync(b => b.Id == order.BranchId, ct);
        var device = input.DeviceId is { } deviceId ? await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, ct) : null;
        var review = new List<string>();
        var fresh = await BuildLinesAsync(order, input.Lines, offline: true, review, ct);
        var current = order.Lines.Where(l => !l.IsDeleted).ToList();
        foreach (var gone in current.Where(c => fresh.All(f => f.Id != c.Id))) db.OrderLines.Remove(gone);
        var lines = new List<OrderLine>();
        foreach (var line in fresh)
        {
            if (current.FirstOrDefault(c => c.Id == line.Id) is { } kept)
            {
                (kept.ProductId, kept.CategoryId, kept.Name, kept.Quantity, kept.ShelfPrice, kept.TaxRate, kept.DiscountKind, kept.DiscountValue, kept.ModifiersJson, kept.Note) =
                    (line.ProductId, line.CategoryId, line.Name, line.Quantity, line.ShelfPrice, line.TaxRate, line.DiscountKind, line.DiscountValue, line.ModifiersJson, line.Note);
                lines.Add(kept);
            }
            else
            {
                db.OrderLines.Add(line);
                lines.Add(line);
            }
        }
        order.IsOffline = true;
        order.CustomerId = input.CustomerId ?? order.CustomerId;
        if (order.Number is null) order.Number = (await NumberAsync(branch, device, input, ct)).ToString();
        await CompleteAsync(order, lines, branch, input, input.SoldAt ?? clock.GetUtcNow().UtcDateTime, review, ct);
        if (order.TableId is { } table && !await db.Orders.AnyAsync(o => o.TableId == table && o.Status == OrderStatus.Open && o.Id != order.Id, ct))
            await SetTableStatusAsync(table, TableStatus.NeedsCleaning, ct);
        await db.SaveChangesAsync(ct);
        return order;
    }

    public async Task<Order?> LoadAsync(Guid id, CancellationToken ct)
    {
        await RefreshAsync(db, id, ct);
        return await db.Orders.Include(o => o.Lines.OrderBy(l => l.Position)).Include(o => o.Payments).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>Re-reads an order this unit of work already tracks (a tab's set-based bump makes the tracked copy stale).</summary>
    public static async Task RefreshAsync(TillDbContext db, Guid id, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<Order>().FirstOrDefault(e => e.Entity.Id == id) is { State: EntityState.Unchanged } entry) await entry.ReloadAsync(ct);
    }

    /// <summary>The order's lines as the pricing engine takes them.</summary>
    public static OrderDraft Draft(Order order, Branch branch, DateTime soldAtUtc, IReadOnlyList<OrderLine> lines) =>
        new(branch.Id, BranchTime.Local(branch, soldAtUtc), branch.Currency, branch.TaxMode,
            lines.Select(l => new OrderLineDraft(l.ProductId, l.CategoryId, l.Name, l.ShelfPrice, l.Quantity, l.TaxRate)
            {
                Discount = l.DiscountKind is { } k ? new Discount(k, l.DiscountValue ?? 0m) : null,
                Modifiers = ReadModifiers(l.ModifiersJson),
                Note = l.Note,
            }).ToList())
        {
            OrderDiscount = order.OrderDiscountKind is { } kind ? new Discount(kind, order.OrderDiscountValue ?? 0m) : null,
            CouponCodes = order.CouponCodes?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };

    public static IReadOnlyList<LineModifier> ReadModifiers(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<LineModifier>>(json, Json) ?? [];

    /// <summary>Prices a priced-and-stored order back from its amounts (refunds and receipts never re-price).</summary>
    public static PricedOrder Stored(Order order)
    {
        var lines = order.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).Select((l, i) => new PricedLine(i, l.ProductId, l.CategoryId, l.Name, l.Quantity, l.UnitPrice,
            ReadModifiers(l.ModifiersJson), l.TaxRate, l.Gross, l.ManualDiscount, l.PromotionDiscount, l.Amount, l.Net, l.Tax, l.Total) { Note = l.Note }).ToList();
        var taxes = lines.GroupBy(l => l.TaxRate).OrderBy(g => g.Key).Select(g => new TaxLine(g.Key, g.Sum(l => l.Net), g.Sum(l => l.Tax))).ToList();
        var promotions = string.IsNullOrEmpty(order.PromotionsJson) ? [] : JsonSerializer.Deserialize<List<AppliedPromotion>>(order.PromotionsJson, Json) ?? [];
        return new PricedOrder(order.Currency, order.TaxMode, lines, taxes, order.Subtotal, order.ManualDiscountTotal, order.PromotionDiscountTotal,
            order.NetTotal, order.TaxTotal, order.Rounding, order.GrandTotal, promotions,
            new LoyaltyOutcome(order.PointsRedeemed, order.RedeemedValue, order.PointsEarned), []);
    }

    public async Task<List<OrderLine>> BuildLinesAsync(Order order, IReadOnlyList<SaleLineInput> inputs, bool offline, List<string> review, CancellationToken ct) =>
        BuildLines(order, inputs, offline, review, await LoadCatalogAsync(order.BranchId, inputs.Select(l => l.ProductId), ct));

    /// <summary>
    /// What a sale needs of a product in a branch: its price there, whether it is for sale, its
    /// modifiers and minimum stock. Read-only: one copy is shared by this node's checkouts.
    /// </summary>
    private sealed record SaleProduct(Guid Id, Guid? CategoryId, string Name, decimal Price, decimal TaxRate, bool TrackStock, bool ForSale,
        IReadOnlyList<SaleModifier> Modifiers, decimal? MinStock);

    private sealed record SaleModifier(Guid Id, string Name, decimal Price);

    /// <summary>A product in a branch, as <see cref="SaleReferenceCache"/> keeps it.</summary>
    private readonly record struct SaleProductKey(Guid BranchId, Guid ProductId);

    /// <summary>
    /// The products sold, priced for the branch, from the tenant's copy on this node
    /// (<see cref="SaleReferenceCache"/>: a price or product change clears it before the request that made it
    /// answers, another node's as soon as its notification arrives). Inside a unit of work (a push, a tab) that
    /// has itself changed reference data (a product upserted by an earlier mutation of the same push) they are
    /// read, as that transaction sees them.
    /// </summary>
    private async Task<Dictionary<Guid, SaleProduct>> LoadCatalogAsync(Guid branchId, IEnumerable<Guid> productIds, CancellationToken ct)
    {
        var ids = productIds.Distinct().ToArray();
        Dictionary<Guid, SaleProduct> products;
        if (db.Database.CurrentTransaction is null || !SaleReferenceCache.Changes(db.PendingEvents))
        {
            var keys = ids.Select(id => new SaleProductKey(branchId, id)).ToList();
            var kept = await shared.GetManyAsync(db.Tenant.RequiredTenantId, keys, async missing =>
                (await ReadCatalogAsync(branchId, [.. missing.Select(k => k.ProductId)], ct)).ToDictionary(p => new SaleProductKey(branchId, p.Id)));
            products = kept.Values.ToDictionary(p => p.Id);
        }
        else products = (await ReadCatalogAsync(branchId, ids, ct)).ToDictionary(p => p.Id);

        // The stock ledger's low-stock check needs each product's name and minimum in this branch: it has them now.
        foreach (var product in products.Values) stock.Know(product.Id, product.Name, branchId, product.MinStock);
        return products;
    }

    private async Task<List<SaleProduct>> ReadCatalogAsync(Guid branchId, Guid[] ids, CancellationToken ct)
    {
        var products = new List<SaleProduct>(ids.Length);
        await foreach (var row in CatalogQuery(db, ids, branchId).WithCancellation(ct))
        {
            var branch = row.Branch;
            products.Add(new SaleProduct(row.Id, row.CategoryId, row.Name, branch?.Price ?? row.Price, row.TaxRate, row.TrackStock,
                ForSale: row.IsActive && branch is not { IsAvailable: false }, row.Modifiers, branch?.MinStock));
        }
        return products;
    }

    /// <summary>What a sale needs of a product (not the whole row: its description, attributes and image stay in the database).</summary>
    private sealed record CatalogRow(Guid Id, Guid? CategoryId, string Name, decimal Price, decimal TaxRate, bool TrackStock, bool IsActive,
        List<SaleModifier> Modifiers, BranchRow? Branch);

    /// <summary>The product's own settings in the sale's branch.</summary>
    private sealed record BranchRow(decimal? Price, bool IsAvailable, decimal? MinStock);

    /// <summary>
    /// Products, their modifiers and their row for the branch, in one round trip. Compiled once: every sale
    /// runs it, and building, comparing and translating the expression each time was a tenth of a checkout's CPU.
    /// One per kind of context: a compiled query keeps the model (the provider) it first ran with.
    /// </summary>
    private static IAsyncEnumerable<CatalogRow> CatalogQuery(TillDbContext db, Guid[] ids, Guid branchId) =>
        CatalogQueries.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery(
            (TillDbContext db, Guid[] ids, Guid branchId) => db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new CatalogRow(p.Id, p.CategoryId, p.Name, p.Price, p.TaxRate, p.TrackStock, p.IsActive,
                    p.Modifiers.Select(m => new SaleModifier(m.Id, m.Name, m.Price)).ToList(),
                    db.ProductBranches.Where(o => o.BranchId == branchId && o.ProductId == p.Id)
                        .Select(o => new BranchRow(o.Price, o.IsAvailable, o.MinStock)).FirstOrDefault()))))(db, ids, branchId);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<TillDbContext, Guid[], Guid, IAsyncEnumerable<CatalogRow>>> CatalogQueries = new();

    /// <summary>The products of a catalogue whose stock is kept (every sold product is in it: an unknown one refuses the sale).</summary>
    private static HashSet<Guid> Tracked(Dictionary<Guid, SaleProduct> catalog) => catalog.Values.Where(p => p.TrackStock).Select(p => p.Id).ToHashSet();

    private static List<OrderLine> BuildLines(Order order, IReadOnlyList<SaleLineInput> inputs, bool offline, List<string> review, Dictionary<Guid, SaleProduct> products)
    {
        var lines = new List<OrderLine>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!products.TryGetValue(input.ProductId, out var product))
                throw Refuse(OrderError.Invalid($"lines[{i}].product_id", "No product with this id."));
            var price = product.Price;
            if (!product.ForSale)
            {
                if (!offline) throw Refuse(OrderError.Unprocessable($"'{product.Name}' is not sold in this branch."));
                review.Add($"Line {i}: '{product.Name}' is not for sale in this branch.");
            }
            if (input.UnitPrice is { } charged && charged != price)
            {
                if (!offline) throw Refuse(OrderError.Invalid($"lines[{i}].unit_price", "The price comes from the catalogue; only offline sales bring their own."));
                review.Add(string.Create(CultureInfo.InvariantCulture, $"Line {i}: '{product.Name}' sold at {charged} but the server price is {price}."));
                price = charged;
            }
            var modifiers = new List<LineModifier>();
            foreach (var modifierId in input.ModifierIds)
            {
                var modifier = product.Modifiers.FirstOrDefault(m => m.Id == modifierId)
                    ?? throw Refuse(OrderError.Invalid($"lines[{i}].modifier_ids", "No such modifier on this product."));
                modifiers.Add(new LineModifier(modifier.Name, modifier.Price));
            }
            lines.Add(new OrderLine
            {
                Id = input.LineId ?? RowId.New(),
                OrderId = order.Id, BranchId = order.BranchId, Position = i, ProductId = product.Id, CategoryId = product.CategoryId,
                Name = offline && !string.IsNullOrWhiteSpace(input.Name) ? input.Name.Trim() : product.Name,
                Quantity = input.Quantity, ShelfPrice = price, TaxRate = product.TaxRate,
                DiscountKind = input.Discount?.Kind, DiscountValue = input.Discount?.Value,
                ModifiersJson = modifiers.Count == 0 ? null : JsonSerializer.Serialize(modifiers, Json), Note = input.Note,
            });
        }
        return lines;
    }

    private async Task<ReceiptNumber> NumberAsync(Branch branch, Device? device, SaleInput input, CancellationToken ct, bool checkUnique = true)
    {
        var deviceCode = DeviceCode(device);
        if (TakesNextNumber(input)) return await OrderNumbers.NextAsync(db, branch.Code, deviceCode, ct);
        if (!ReceiptNumber.TryParse(input.Number, out var number) || number.BranchCode != branch.Code || number.DeviceCode != deviceCode)
            throw Refuse(OrderError.Invalid("number", $"An order number of this till looks like {branch.Code}-{deviceCode}-000123."));
        if (!checkUnique) return number;
        if (await db.Orders.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).AnyAsync(o => o.Number == input.Number, ct))
            throw Refuse(OrderError.Conflict($"Order number {input.Number} is already used by another order."));
        await OrderNumbers.ObserveAsync(db, number, ct);
        return number;
    }

    /// <summary>Where a completing sale's number comes from: the till's series (taken with the stock upsert), or the number an offline sale brought.</summary>
    private sealed record SaleNumber(Func<CancellationToken, Task<string>>? Brought, OrderNumbers.PendingNumber? Next);

    private SaleNumber NumberSource(Branch branch, Device? device, SaleInput input) => TakesNextNumber(input)
        ? new SaleNumber(null, OrderNumbers.Next(db, branch.Code, DeviceCode(device)))
        : new SaleNumber(async c => (await NumberAsync(branch, device, input, c)).ToString(), null);

    /// <summary>An online sale, or an offline one that brought no number, takes the next of its till's series.</summary>
    private static bool TakesNextNumber(SaleInput input) => !input.Offline || input.Number is null;

    private static string DeviceCode(Device? device) => device?.Code ?? OrderNumbers.NoDeviceCode;

    /// <returns>The sale's stock movements (for the caller to insert when <paramref name="track"/> is false).</returns>
    private async Task<IEnumerable<StockMovement>> CompleteAsync(Order order, List<OrderLine> lines, Branch branch, SaleInput input, DateTime completedAt, List<string> review, CancellationToken ct,
        SaleSetup? setup = null, SaleNumber? number = null, bool track = true)
    {
        setup ??= await SetupAsync(order.BranchId, await TrackedAsync(lines.Select(l => l.ProductId), ct), input, ct);
        Settle(order, lines, branch, input, completedAt, review, setup);

        // The writes that take row locks come last, so the locks are held for the shortest time: the
        // device's number counter, then the stock levels (one statement, in key order). A number
        // from the till's series goes to the database in the same round trip as the stock upsert.
        if (number?.Brought is { } brought) order.Number = await brought(ct);
        var sold = Sold(order, lines, setup);
        var posted = await stock.PostManyAsync(Postings(order, sold, setup), ct, number?.Next is { } next ? [next.Statement] : null, track);
        if (number?.Next?.Taken is { } taken)
        {
            order.Number = taken.ToString();
            foreach (var movement in posted) movement.Movement.Notes = order.Number;
        }
        NoteNegativeStock(order, sold, posted, review);
        await PostLoyaltyAsync(order, ct);
        FlagForReview(order, review);
        return posted.Select(p => p.Movement);
    }

    /// <summary>
    /// Prices the order with <c>Till.Core</c> and settles its payments, in memory: totals, line
    /// amounts, payment rows, tendered and change. Refuses what an online sale may not do; an offline
    /// sale's differences go to <paramref name="review"/>.
    /// </summary>
    private static void Settle(Order order, List<OrderLine> lines, Branch branch, SaleInput input, DateTime completedAt, List<string> review, SaleSetup setup)
    {
        var (payments, pointsToRedeem, deviceTotal) = (input.Payments, input.PointsToRedeem, input.DeviceGrandTotal);
        var offline = order.IsOffline;
        var (promotions, settings) = (setup.Promotions, setup.Settings);
        var draft = Draft(order, branch, order.OpenedAt, lines) with
        {
            Promotions = promotions,
            CashRoundingIncrement = settings?.CashRoundingIncrement,
            Loyalty = order.CustomerId is null || settings is null ? null : new LoyaltySettings(settings.SpendPerPoint, settings.PointValue, pointsToRedeem),
        };
        if (order.CustomerId is null && pointsToRedeem > 0) throw Refuse(OrderError.Invalid("points_to_redeem", "Points can only be redeemed on an order with a customer."));
        if (PricingEngine.Validate(draft) is { Count: > 0 } errors)
        {
            var first = errors.First();
            throw Refuse(OrderError.Invalid(first.Key, first.Value));
        }
        var priced = PricingEngine.Price(draft);
        var tenders = Tenders(setup.Methods, payments, offline, review);
        if (priced.Loyalty.RedeemedValue > 0) tenders.Add(new Tender(PaymentMethodKind.LoyaltyPoints, priced.Loyalty.RedeemedValue, "POINTS"));
        var settlement = PaymentSettler.Settle(priced, tenders);
        if (!settlement.Succeeded)
        {
            if (!offline) throw Refuse(OrderError.Unprocessable(settlement.Message ?? "The payments do not settle the order."));
            review.Add($"Payments: {settlement.Message}");
        }
        if (deviceTotal is { } total && total != priced.GrandTotal)
            review.Add(string.Create(CultureInfo.InvariantCulture, $"The till charged {total}; the server computes {priced.GrandTotal}."));

        order.Subtotal = priced.Subtotal;
        order.ManualDiscountTotal = priced.ManualDiscountTotal;
        order.PromotionDiscountTotal = priced.PromotionDiscountTotal;
        order.NetTotal = priced.NetTotal;
        order.TaxTotal = priced.TaxTotal;
        order.Rounding = priced.Rounding;
        order.GrandTotal = priced.GrandTotal;
        order.PointsRedeemed = priced.Loyalty.PointsRedeemed;
        order.RedeemedValue = priced.Loyalty.RedeemedValue;
        order.PointsEarned = priced.Loyalty.PointsEarned;
        order.PromotionsJson = priced.Promotions.Count == 0 ? null : JsonSerializer.Serialize(priced.Promotions, Json);
        for (var i = 0; i < priced.Lines.Count; i++)
        {
            var (line, p) = (lines[i], priced.Lines[i]);
            line.Position = i;
            line.UnitPrice = p.UnitPrice;
            line.Gross = p.Gross;
            line.ManualDiscount = p.ManualDiscount;
            line.PromotionDiscount = p.PromotionDiscount;
            line.Amount = p.Amount;
            line.Net = p.Net;
            line.Tax = p.Tax;
            line.Total = p.Total;
        }

        var paidAt = completedAt;
        var booked = settlement.Succeeded ? settlement.Payments : tenders.Select(t => new SettledPayment(t.Kind, t.MethodCode, t.Reference, t.Amount, t.Amount)).ToList();
        foreach (var payment in booked)
        {
            order.Payments.Add(new OrderPayment
            {
                Position = order.Payments.Count,
                OrderId = order.Id, BranchId = order.BranchId, ShiftId = order.ShiftId, Kind = payment.Kind, MethodCode = payment.MethodCode ?? payment.Kind.ToString().ToUpperInvariant(),
                Reference = payment.Reference, Tendered = payment.Tendered, Amount = payment.Amount, PaidAt = paidAt,
            });
        }
        order.Tendered = settlement.Succeeded ? settlement.Tendered : booked.Sum(p => p.Tendered);
        order.Change = settlement.Succeeded ? settlement.Change : 0m;
        order.Status = OrderStatus.Completed;
        order.CompletedAt = completedAt;
    }

    /// <summary>The order's stock-tracked products, each with its lines.</summary>
    private static List<IGrouping<Guid, OrderLine>> Sold(Order order, List<OrderLine> lines, SaleSetup setup) =>
        lines.Where(l => setup.Tracked.Contains(l.ProductId)).GroupBy(l => l.ProductId).ToList();

    /// <summary>Stock leaves the branch's default warehouse (or the one the till named); a sale that happened may take it below zero.</summary>
    private static List<StockPosting> Postings(Order order, List<IGrouping<Guid, OrderLine>> sold, SaleSetup setup) =>
        sold.Select(group => new StockPosting(setup.WarehouseId!.Value, group.Key, MovementType.Sale, -group.Sum(l => l.Quantity),
            ReferenceType: "order", ReferenceId: order.Id, Notes: order.Number)).ToList();

    private static void NoteNegativeStock(Order order, List<IGrouping<Guid, OrderLine>> sold, IReadOnlyList<StockPosted> posted, List<string> review)
    {
        if (!order.IsOffline) return;
        for (var i = 0; i < sold.Count; i++)
        {
            if (posted[i].IsNegative)
                review.Add(string.Create(CultureInfo.InvariantCulture, $"Stock of '{sold[i].First().Name}' went to {posted[i].Level:0.####}."));
        }
    }

    private async Task PostLoyaltyAsync(Order order, CancellationToken ct)
    {
        if (order.CustomerId is not { } customerId) return;
        try
        {
            if (order.PointsRedeemed > 0)
                await loyalty.PostAsync(customerId, LoyaltyEntryType.Redeem, order.PointsRedeemed, order.Number, "order", order.Id, allowNegative: order.IsOffline, ct);
        }
        catch (InsufficientPointsException e)
        {
            throw Refuse(OrderError.Unprocessable(e.Message));
        }
        if (order.PointsEarned > 0)
            await loyalty.PostAsync(customerId, LoyaltyEntryType.Earn, order.PointsEarned, order.Number, "order", order.Id, ct: ct);
    }

    private void FlagForReview(Order order, List<string> review)
    {
        MarkForReview(order, review);
        RecordReview(order, review);
    }

    /// <summary>Flags the order when the server found differences (<paramref name="review"/>), with every note.</summary>
    private static void MarkForReview(Order order, List<string> review)
    {
        if (review.Count == 0) return;
        order.NeedsReview = true;
        var notes = string.Join("\n", review);
        order.ReviewNotes = notes.Length > 4000 ? notes[..4000] : notes;
    }

    /// <summary>Tells the shop a flagged order needs a look (one activity per order).</summary>
    private void RecordReview(Order order, List<string> review)
    {
        if (review.Count == 0) return;
        Activities.ActivityFeed.Record(db, "order.needs_review", $"Offline order {order.Number} differs from the server: {review[0]}", order.BranchId, new { order_id = order.Id });
    }

    /// <summary>The payments as tenders, each by a method enabled in the branch.</summary>
    private static List<Tender> Tenders(Dictionary<string, PaymentMethod> methods, IReadOnlyList<TenderInput> payments, bool offline, List<string> review)
    {
        var tenders = new List<Tender>(payments.Count + 1);
        for (var i = 0; i < payments.Count; i++)
        {
            var code = payments[i].Method.Trim().ToUpperInvariant();
            if (!methods.TryGetValue(code, out var method) && offline && payments[i].Kind is { } kind)
            {
                review.Add($"Payment {i}: method {code} is not enabled in this branch.");
                tenders.Add(new Tender(kind, payments[i].Amount, code, payments[i].Reference));
                continue;
            }
            if (method is null)
                throw Refuse(OrderError.Invalid($"payments[{i}].method", $"'{payments[i].Method}' is not a payment method enabled in this branch. Enabled: {string.Join(", ", methods.Keys.Order())}."));
            tenders.Add(new Tender(method.Kind, payments[i].Amount, method.Code, payments[i].Reference));
        }
        return tenders;
    }

    public async Task<HashSet<Guid>> TrackedAsync(IEnumerable<Guid> productIds, CancellationToken ct)
    {
        var ids = productIds.Distinct().ToList();
        return (await db.Products.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).Where(p => ids.Contains(p.Id) && p.TrackStock).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
    }

    public async Task<Guid> DefaultWarehouseAsync(Guid branchId, CancellationToken ct) =>
        await db.Warehouses.Where(w => w.BranchId == branchId).OrderByDescending(w => w.IsDefault).ThenBy(w => w.Id).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct)
        ?? throw Refuse(OrderError.Unprocessable("The branch has no warehouse to take stock from."));

    private async Task SetTableStatusAsync(Guid tableId, TableStatus status, CancellationToken ct)
    {
        var table = await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == tableId, ct);
        if (table is not null && table.Status != status) table.Status = status;
    }

    public static OrderRefusedException Refuse(OrderError error) => new(error);

    /// <summary>What completing a sale reads, fetched before the tenant lock so the locked part only writes.</summary>
    private sealed record SaleSetup(List<Till.Core.Pricing.Promotion> Promotions, Promotions.SalesSettings? Settings, Dictionary<string, PaymentMethod> Methods, HashSet<Guid> Tracked, Guid? WarehouseId);

    private async Task<SaleSetup> SetupAsync(Guid branchId, HashSet<Guid> tracked, SaleInput input, CancellationToken ct)
    {
        var promotions = input.DevicePriced ? []
            : await CachedAsync("promotions", async () => (await db.Promotions.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct)).Select(p => p.ToPricing()).ToList());
        var settings = await CachedAsync("settings", () => db.SalesSettings.AsNoTracking().FirstOrDefaultAsync(ct));
        var methods = await CachedAsync(("methods", branchId), () => PaymentMethods.EnabledAsync(db, branchId, ct));
        var warehouseId = tracked.Count == 0 ? (Guid?)null
            : input.WarehouseId is { } chosen && await CachedAsync(("warehouse", chosen, branchId), () => db.Warehouses.AnyAsync(w => w.Id == chosen && w.BranchId == branchId, ct)) ? chosen
            : await CachedAsync(("default_warehouse", branchId), () => DefaultWarehouseAsync(branchId, ct));
        return new SaleSetup(promotions, settings, methods, tracked, warehouseId);
    }

    /// <summary>
    /// Reference data (branch, device, settings, payment methods, promotions, warehouse): the same
    /// value for the whole request (a push of hundreds of sales from one till reads it once; no
    /// mutation kind changes any of it), taken from the tenant's short-lived copy on this node
    /// (<see cref="SaleReferenceCache"/>). Products and their prices come from the same copy (<see cref="LoadCatalogAsync"/>).
    /// </summary>
    private async Task<T> CachedAsync<T>(object key, Func<Task<T>> load)
    {
        if (_reference.TryGetValue(key, out var known)) return (T)known!;
        var value = await shared.GetAsync(db.Tenant.RequiredTenantId, key, load);
        _reference[key] = value;
        return value;
    }

    private readonly Dictionary<object, object?> _reference = [];
}
