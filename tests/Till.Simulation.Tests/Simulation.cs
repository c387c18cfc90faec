using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Payments;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Sdk;
using Till.Server.Auth;
using Till.Server.Data;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Simulation.Tests;

/// <summary>
/// One seeded run: N terminals sell, refund, open and close shifts, move cash, adjust stock and
/// edit customers, online or offline, through a faulty network, with kills, a server restart,
/// skewed clocks and a late-committing server transaction; then everyone syncs and the invariants
/// are checked. The same seed replays the same choices.
/// </summary>
public sealed class Simulation(SimServer server, int seed, SimulationOptions options)
{
    private readonly Random _random = new(seed);
    private readonly List<SimTerminal> _terminals = [];
    private readonly List<Guid> _products = [];
    private readonly List<Guid> _customers = [];
    private readonly Dictionary<Guid, decimal> _opening = [];
    private readonly Dictionary<Guid, decimal> _backOfficeStock = [];
    private readonly Dictionary<(string Kind, Guid Product), decimal> _terminalStock = [];
    private readonly List<string> _log = [];
    private TestTenant _tenant = null!;
    private string _ownerToken = null!;
    private int _restartAt = -1;

    public IReadOnlyList<string> Log => _log;

    /// <summary>Requests the terminals delivered to the server.</summary>
    public int Requests => _terminals.Sum(t => t.Network.Deliveries);

    /// <summary>How the server answered, per kind and status (for the test output).</summary>
    public string Summary { get; private set; } = "";

    /// <summary>Milliseconds at the end of each phase (set-up, steps, settle, invariants).</summary>
    public List<(string Phase, long Ms)> Timings { get; } = [];

    public async Task RunAsync()
    {
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await SetUpAsync(watch);
            for (var step = 0; step < options.Steps; step++) await StepAsync(step);
            Timings.Add(("steps", watch.ElapsedMilliseconds));
            await SettleAsync();
            Timings.Add(("settle", watch.ElapsedMilliseconds));
            await CheckInvariantsAsync();
            Timings.Add(("invariants", watch.ElapsedMilliseconds));
        }
        finally
        {
            foreach (var t in _terminals) await t.DisposeAsync();
        }
    }

    private HttpClient BackOffice => server.App.WithToken(_ownerToken);

    private async Task SetUpAsync(System.Diagnostics.Stopwatch watch)
    {
        _tenant = await SimTenants.CreateAsync(server.App);
        _ownerToken = _tenant.Owner.AccessToken;
        Timings.Add(("tenant", watch.ElapsedMilliseconds));
        // A server restart costs a host start-up: one seed in five gets one, at a step chosen by the seed.
        if (seed % 5 == 0) _restartAt = _random.Next(options.Steps);
        for (var i = 0; i < 4; i++)
        {
            var id = (await BackOffice.CreateProductAsync($"S{i}", 1m + _random.Next(1, 40), barcodes: [CatalogTestData.NewEan13()]))["id"]!.GetValue<Guid>();
            var opening = _random.Next(0, 50);
            if (opening > 0) await AdjustInBackOfficeAsync(id, opening, opening: true);
            _products.Add(id);
        }

        for (var i = 0; i < 2; i++)
        {
            var response = await BackOffice.PostAsJsonAsync("/api/customers", new { code = $"C{i}", name = $"Customer {i}" });
            _customers.Add((await response.NodeAsync())["id"]!.GetValue<Guid>());
        }

        Timings.Add(("catalogue", watch.ElapsedMilliseconds));

        for (var i = 1; i <= options.Terminals; i++)
        {
            var device = await AddDeviceAsync($"T{i}");
            // Some tills have a PC clock a day off either way.
            var skew = _random.Next(3) switch { 0 => TimeSpan.FromDays(-1), 1 => TimeSpan.Zero, _ => TimeSpan.FromDays(1) };
            var pageSize = options.PageSizes[_random.Next(options.PageSizes.Length)];
            var terminal = await SimTerminal.CreateAsync(server, _tenant, device, $"T{i}", _random, skew, pageSize, options);
            await terminal.Engine.BootstrapAsync();
            terminal.Network.FaultsOn = true;
            _terminals.Add(terminal);
        }

        Timings.Add(("terminals", watch.ElapsedMilliseconds));
    }

    /// <summary>
    /// Registers a device and issues its token directly: a bcrypt login per device would make set-up
    /// most of a seed's time. Sign-in and token refresh through the SDK are covered by Till.Sdk.Tests.
    /// </summary>
    private async Task<DeviceSession> AddDeviceAsync(string code)
    {
        var response = await BackOffice.PostAsJsonAsync("/api/devices", new { branch_id = _tenant.BranchId, code, name = $"Till {code}" });
        Check(response.IsSuccessStatusCode, $"creating device {code} failed: {await response.Content.ReadAsStringAsync()}");
        var deviceId = (await response.NodeAsync())["id"]!.GetValue<Guid>();
        var token = await server.App.WithDbAsync(_tenant.Id, async db =>
        {
            var user = await db.Users.FirstAsync(u => u.Id == _tenant.OwnerId);
            var role = await db.Roles.FirstAsync(r => r.Id == user.RoleId);
            var device = await db.Devices.FirstAsync(d => d.Id == deviceId);
            return server.App.Services.GetRequiredService<TokenService>().CreateAccessToken(user, role, device).Token;
        });
        return new DeviceSession(deviceId, _tenant.BranchId, new Session(server.App.WithToken(token), token, "", _tenant.OwnerId));
    }

    private async Task StepAsync(int step)
    {
        var t = _terminals[_random.Next(_terminals.Count)];
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 25: Sell(t); break;
            case < 30: RefundSomething(t); break;
            case < 36: ToggleShift(t); break;
            case < 40: MoveCash(t); break;
            case < 46: AdjustStock(t); break;
            case < 51: EditCustomer(t); break;
            case < 68: await TrySyncAsync(t); break;
            case < 76:
                t.Network.Offline = !t.Network.Offline;
                Note($"{t.Code} {(t.Network.Offline ? "goes offline" : "comes online")}");
                break;
            case < 81:
                await t.KillAsync();
                Note($"{t.Code} killed and reopened");
                break;
            case < 91: await BackOfficeEditAsync(); break;
            default: await LateCommitAsync(t); break;
        }

        if (step == _restartAt)
        {
            await server.RestartAsync();
            Note("server restarted");
        }
    }

    private void Sell(SimTerminal t)
    {
        var lines = Enumerable.Range(0, _random.Next(1, 4))
            .Select(_ => new SaleLine(_products[_random.Next(_products.Count)], _random.Next(1, 4))).ToList();
        var available = lines.All(l => t.Store.GetProduct(l.ProductId) is not null);
        if (!available) return;
        // Cash is tendered generously (change is given); card pays the exact total, priced by the same engine.
        var tender = _random.Next(2) == 0
            ? new Tender(PaymentMethodKind.Cash, Math.Ceiling(PriceOf(t, lines)) + _random.Next(0, 20))
            : new Tender(PaymentMethodKind.Card, PriceOf(t, lines));
        var order = t.Register.CompleteSale(new SaleRequest(lines, [tender]));
        t.Orders.Add(order);
        if (order.ShiftId is { } shift) t.ExpectedCash[shift] += order.Payments.Where(p => p.Method == "cash").Sum(p => p.Amount);
        foreach (var line in order.Lines) Add(MutationKinds.OrderComplete, line.ProductId, -line.Quantity);
        Note($"{t.Code} sells {order.Number} for {order.GrandTotal}");
    }

    private static decimal PriceOf(SimTerminal t, List<SaleLine> lines)
    {
        // The same engine the register uses, on the same local prices.
        var device = t.Store.Device!;
        var draft = new Till.Core.Pricing.OrderDraft(device.BranchId, DateTime.UtcNow, device.Currency, device.TaxMode,
            lines.Select(l =>
            {
                var p = t.Store.GetProduct(l.ProductId)!;
                return new Till.Core.Pricing.OrderLineDraft(p.Id, p.CategoryId, p.Name, p.Price, l.Quantity, p.TaxRate);
            }).ToList());
        return Till.Core.Pricing.PricingEngine.Price(draft).GrandTotal;
    }

    private void RefundSomething(SimTerminal t)
    {
        var candidates = t.Orders.Where(o => t.Register.GetOrder(o.OrderId)?.Status is "completed" or "partly_refunded").ToList();
        if (candidates.Count == 0) return;
        var order = candidates[_random.Next(candidates.Count)];
        var local = t.Register.GetOrder(order.OrderId)!;
        var line = order.Lines[_random.Next(order.Lines.Count)];
        var left = line.Quantity - local.Refunded.GetValueOrDefault(line.LineId);
        if (left <= 0) return;
        var refund = t.Register.Refund(order.OrderId, [(line.LineId, 1m)]);
        if (refund.ShiftId is { } shift) t.ExpectedCash[shift] -= refund.Total;
        Add(MutationKinds.OrderRefund, line.ProductId, 1m);
        Note($"{t.Code} refunds 1 of {order.Number}");
    }

    private void ToggleShift(SimTerminal t)
    {
        if (t.Register.CurrentShiftId is null)
        {
            var opening = (decimal)_random.Next(0, 200);
            var shift = t.Register.OpenShift(null, opening);
            t.ExpectedCash[shift.ShiftId] = opening;
            Note($"{t.Code} opens a shift with {opening}");
        }
        else
        {
            var shiftId = t.Register.CurrentShiftId.Value;
            // The cashier counts the drawer; after pay-outs beyond what it held, there is nothing to count.
            var close = t.Register.CloseShift(Math.Max(0m, t.ExpectedCash[shiftId]));
            Check(close.ExpectedCash == t.ExpectedCash[shiftId], $"{t.Code} shift {shiftId}: the register expects {close.ExpectedCash}, the simulation {t.ExpectedCash[shiftId]}");
            Note($"{t.Code} closes its shift");
        }
    }

    private void MoveCash(SimTerminal t)
    {
        if (t.Register.CurrentShiftId is not { } shift) return;
        var amount = (decimal)_random.Next(1, 50);
        var direction = _random.Next(2) == 0 ? "pay_in" : "pay_out";
        t.Register.MoveCash(direction, amount, "sim");
        t.ExpectedCash[shift] += direction == "pay_in" ? amount : -amount;
        Note($"{t.Code} {direction} {amount}");
    }

    private void AdjustStock(SimTerminal t)
    {
        var product = _products[_random.Next(_products.Count)];
        var quantity = (decimal)_random.Next(-5, 10);
        if (quantity == 0) return;
        t.Register.AdjustStock(product, quantity, "sim");
        Add(MutationKinds.StockAdjust, product, quantity);
        Note($"{t.Code} adjusts stock by {quantity}");
    }

    private void EditCustomer(SimTerminal t)
    {
        var id = _customers[_random.Next(_customers.Count)];
        if (t.Store.GetEntity("customer", id) is not { } current) return;
        var name = $"Customer {_random.Next(1000)}";
        t.Register.SaveCustomer(new CustomerUpsert(id, current.Data.GetProperty("code").GetString()!, name, null, null, null, null, null));
        Note($"{t.Code} renames a customer to {name}");
    }

    private async Task BackOfficeEditAsync()
    {
        var product = _products[_random.Next(_products.Count)];
        if (_random.Next(2) == 0)
        {
            var quantity = (decimal)_random.Next(1, 20);
            await AdjustInBackOfficeAsync(product, quantity, opening: false);
            Note($"back office receives {quantity}");
        }
        else
        {
            var current = await (await BackOffice.GetAsync($"/api/products/{product}")).NodeAsync();
            var body = current.AsObject().DeepClone().AsObject();
            body["price"] = 1m + _random.Next(1, 40);
            var put = await BackOffice.PutAsJsonAsync($"/api/products/{product}", body);
            Check(put.IsSuccessStatusCode, $"price change failed: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            Note($"back office reprices a product to {body["price"]}");
        }
    }

    private async Task AdjustInBackOfficeAsync(Guid product, decimal quantity, bool opening)
    {
        var response = await BackOffice.PutAsJsonAsync($"/api/products/{product}/stock", new { movement_type = "adjustment", quantity, warehouse_id = _tenant.WarehouseId });
        Check(response.IsSuccessStatusCode, $"stock adjustment failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var map = opening ? _opening : _backOfficeStock;
        map[product] = map.GetValueOrDefault(product) + quantity;
    }

    /// <summary>A server transaction writes a synced row and commits only after a terminal has pulled past it.</summary>
    private async Task LateCommitAsync(SimTerminal t)
    {
        var product = _products[_random.Next(_products.Count)];
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(_tenant.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var row = await db.Products.FirstAsync(p => p.Id == product);
        row.Name = $"Late {_random.Next(1000)}";
        await db.SaveChangesAsync();
        var delivered = t.Network.NextDeliveryAsync();
        var pull = TrySyncAsync(t, pullOnly: true);
        // Commit once the pull has reached the server and had a moment to read (or failed on the way).
        await Task.WhenAny(delivered, pull);
        await Task.Delay(5);
        await tx.CommitAsync();
        await pull;
        Note($"late commit renames a product while {t.Code} pulls");
    }

    private async Task TrySyncAsync(SimTerminal t, bool pullOnly = false)
    {
        try
        {
            if (pullOnly) await t.Engine.PullAsync();
            else await t.Engine.SyncAsync();
            Note($"{t.Code} syncs");
        }
        catch (TillApiException e) when (e.IsTransient)
        {
            Note($"{t.Code} sync failed: {e.Message}");
        }
    }

    /// <summary>Everyone reconnects, faults stop, and everyone syncs until nothing is left, then pulls once more.</summary>
    private async Task SettleAsync()
    {
        foreach (var t in _terminals)
        {
            t.Network.Offline = false;
            t.Network.FaultsOn = false;
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var t in _terminals)
            {
                for (var attempt = 0; attempt < 5 && (t.Store.QueueLength > 0 || attempt == 0); attempt++)
                {
                    try
                    {
                        await t.Engine.SyncAsync();
                    }
                    catch (TillApiException e)
                    {
                        Note($"{t.Code} settle failed: {e.Message}");
                    }
                }
            }
        }
    }

    private async Task CheckInvariantsAsync()
    {
        var applied = await server.App.WithDbAsync(_tenant.Id, db => db.AppliedMutations.AsNoTracking()
            .Select(m => new { m.DeviceId, m.Seq, m.Kind, m.Status, m.Reason }).ToListAsync());
        var supported = applied.Where(m => m.Status is MutationStatus.Applied or MutationStatus.Conflict).Select(m => m.Kind).ToHashSet();
        Summary = string.Join(", ", applied.GroupBy(m => (m.Kind, m.Status)).OrderBy(g => g.Key.Kind).Select(g => $"{g.Key.Kind} {g.Key.Status} {g.Count()}"))
            + " | rejected: " + string.Join("; ", applied.Where(m => m.Status == MutationStatus.Rejected).Select(m => m.Reason).Distinct().Take(3));

        // Every mutation of every terminal reached the server exactly once, in its own numbering.
        foreach (var t in _terminals)
        {
            Check(t.Store.QueueLength == 0, $"{t.Code} still holds {t.Store.QueueLength} mutations");
            var mine = applied.Where(m => m.DeviceId == t.DeviceId).ToList();
            var issued = long.Parse(t.Store.Meta("next_mutation_seq") ?? "1", System.Globalization.CultureInfo.InvariantCulture) - 1;
            Check(mine.Count == issued && mine.Select(m => m.Seq).Order().SequenceEqual(Enumerable.Range(1, (int)issued).Select(i => (long)i)),
                $"{t.Code} issued {issued} mutations, the server holds {mine.Count}");
            var sold = mine.Count(m => m.Kind == MutationKinds.OrderComplete);
            Check(sold == t.Orders.Count, $"{t.Code} completed {t.Orders.Count} orders, the server received {sold}");
            foreach (var refused in mine.Where(m => m.Status == MutationStatus.Rejected))
                Check(false, $"{t.Code} mutation {refused.Seq} ({refused.Kind}) was rejected: {refused.Reason}");
        }

        var numbers = _terminals.SelectMany(t => t.Orders.Select(o => o.Number)).ToList();
        Check(numbers.Count == numbers.Distinct().Count(), "an order number repeats");

        // Stock: opening + every movement of every terminal the server applies + back office.
        var levels = await server.App.WithDbAsync(_tenant.Id, db => db.StockLevels.AsNoTracking()
            .Where(l => l.WarehouseId == _tenant.WarehouseId).ToDictionaryAsync(l => l.ProductId, l => l.Quantity));
        foreach (var product in _products)
        {
            var expected = _opening.GetValueOrDefault(product) + _backOfficeStock.GetValueOrDefault(product)
                + _terminalStock.Where(e => e.Key.Product == product && supported.Contains(e.Key.Kind)).Sum(e => e.Value);
            Check(levels.GetValueOrDefault(product) == expected, $"product {product}: server level {levels.GetValueOrDefault(product)}, expected {expected}");
        }

        // Shifts: each terminal's expected cash equals its orders and movements.
        foreach (var t in _terminals)
            foreach (var (shift, cash) in t.ExpectedCash)
                Check(t.Register.ExpectedCash(shift) == cash, $"{t.Code} shift {shift}: register {t.Register.ExpectedCash(shift)}, simulation {cash}");

        // Loyalty balances equal their ledgers.
        foreach (var customer in _customers)
        {
            var balance = (await (await BackOffice.GetAsync($"/api/customers/{customer}")).NodeAsync())["loyalty_balance"]!.GetValue<decimal>();
            var ledger = await server.App.WithDbAsync(_tenant.Id, db => db.LoyaltyEntries.Where(e => e.CustomerId == customer).SumAsync(e => e.Points));
            Check(balance == ledger, $"customer {customer}: balance {balance}, ledger {ledger}");
        }

        // Every terminal's mirror equals the server's view of its scope.
        foreach (var t in _terminals) await CheckMirrorAsync(t);
    }

    private async Task CheckMirrorAsync(SimTerminal t)
    {
        var server = new Dictionary<(string, Guid), (long Version, JsonNode? Data)>();
        long after = 0;
        long? upto = null;
        while (true)
        {
            var page = await t.Api.SnapshotAsync(after, upto, 1000);
            foreach (var c in page.Changes) server[(c.Entity, c.Id)] = (c.Version, JsonNode.Parse(c.Data.GetRawText()));
            (after, upto) = (page.NextAfter, page.Upto);
            if (!page.HasMore) break;
        }

        var local = t.Store.Read(db =>
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT entity, id, version, coalesce(local_data, server_data) FROM entities";
            using var r = cmd.ExecuteReader();
            var rows = new Dictionary<(string, Guid), (long, JsonNode?)>();
            while (r.Read()) rows[(r.GetString(0), Guid.Parse(r.GetString(1)))] = (r.GetInt64(2), JsonNode.Parse(r.GetString(3)));
            return rows;
        });

        foreach (var (key, row) in server)
        {
            Check(local.TryGetValue(key, out var mine), $"{t.Code} lacks {key.Item1} {key.Item2} (v{row.Version})");
            Check(mine.Item1 == row.Version, $"{t.Code} holds {key.Item1} {key.Item2} at v{mine.Item1}, the server at v{row.Version}");
            Check(JsonNode.DeepEquals(mine.Item2, row.Data), $"{t.Code} holds other data for {key.Item1} {key.Item2}");
        }

        foreach (var key in local.Keys.Where(k => !server.ContainsKey(k)))
            Check(false, $"{t.Code} holds {key.Item1} {key.Item2}, which the server does not have");
    }

    private void Add(string kind, Guid product, decimal quantity) =>
        _terminalStock[(kind, product)] = _terminalStock.GetValueOrDefault((kind, product)) + quantity;

    private void Note(string line) => _log.Add(line);

    private void Check(bool condition, string message)
    {
        if (!condition) throw new SimulationFailedException(seed, message, _log);
    }
}
