using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Payments;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Sdk.Tests;

/// <summary>The SDK against the real server: bootstrap, push, pull, faults, backup.</summary>
public abstract class SyncEngineTests(TillApp app)
{
    private static SaleRequest Sale(Guid productId, decimal quantity = 1, decimal cash = 1000m) =>
        new([new SaleLine(productId, quantity)], [new Tender(PaymentMethodKind.Cash, cash)]);

    private async Task<(TestTenant Tenant, Guid Product, string Barcode)> TenantWithProductAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var barcode = CatalogTestData.NewEan13();
        var product = (await tenant.Owner.Client.CreateProductAsync("SKU-1", 12.50m, barcodes: [barcode], name: "Arabica Coffee Beans"))["id"]!.GetValue<Guid>();
        return (tenant, product, barcode);
    }

    [Fact]
    public async Task Bootstrap_NewTerminal_FindsProductsByBarcodeAndByWords()
    {
        var (tenant, product, barcode) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");

        await till.Engine.BootstrapAsync();

        Assert.Equal(product, till.Store.FindByBarcode(barcode)?.Id);
        Assert.Equal(12.50m, till.Store.FindByBarcode(barcode)?.Price);
        Assert.Equal(product, Assert.Single(till.Store.SearchProducts("arab coff")).Id);
        Assert.Empty(till.Store.SearchProducts("tea"));
        Assert.False(till.Store.IsBootstrapping);
        Assert.True(till.Store.Cursor > 0);
    }

    [Fact]
    public async Task Bootstrap_InterruptedAndResumedAfterARestart_EndsWithEveryProductSearchableOnce()
    {
        var tenant = await app.CreateTenantAsync();
        var words = new[] { "Arabica", "Robusta", "Jasmine", "Oolong", "Matcha", "Chamomile", "Rooibos" };
        var products = new Dictionary<string, Guid>();
        foreach (var word in words)
            products[word] = (await tenant.Owner.Client.CreateProductAsync($"SKU-{word}", 5m, barcodes: [CatalogTestData.NewEan13()], name: $"{word} Blend"))["id"]!.GetValue<Guid>();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1", options: new SyncEngineOptions { PageSize = 3, Random = new Random(1) });
        till.Network.OfflineAfter = 2;

        await Assert.ThrowsAsync<TillApiException>(() => till.Engine.BootstrapAsync());
        Assert.True(till.Store.IsBootstrapping);
        await till.RestartAsync();
        till.Network.OfflineAfter = null;
        till.Network.Offline = false;
        var delivered = till.Network.Delivered;
        await till.Engine.BootstrapAsync();

        Assert.False(till.Store.IsBootstrapping);
        foreach (var (word, id) in products)
        {
            Assert.Equal(id, Assert.Single(till.Store.SearchProducts(word)).Id);
            Assert.Equal(id, Assert.Single(till.Store.SearchProducts($"SKU-{word}")).Id);
        }

        Assert.Equal(words.Length, till.Store.SearchProducts("blend").Count);
        // It resumed where it stopped: the pages already stored were not read again.
        var total = till.Store.Read(db =>
        {
            using var count = db.CreateCommand();
            count.CommandText = "SELECT count(*) FROM entities";
            return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.True(till.Network.Delivered - delivered < (total + 2) / 3, $"{till.Network.Delivered - delivered} pages read after the restart for {total} rows");
    }

    [Fact]
    public async Task CloseShift_WithANegativeCount_IsRefusedLocally_AndAZeroCountIsAcceptedByTheServer()
    {
        var tenant = await app.CreateTenantAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        var shift = till.Register.OpenShift(null, 10m);
        till.Register.MoveCash("pay_out", 25m, "supplier");

        Assert.Throws<SaleRefusedException>(() => till.Register.CloseShift(till.Register.ExpectedCash(shift.ShiftId)));
        Assert.Equal(shift.ShiftId, till.Register.CurrentShiftId);
        Assert.Equal(2, till.Store.QueueLength);

        till.Register.CloseShift(0m);
        await till.Engine.SyncAsync();

        Assert.Null(till.Register.CurrentShiftId);
        Assert.Equal(0, till.Store.QueueLength);
        Assert.Empty(till.Store.GetIssues());
    }

    [Fact]
    public async Task Push_ResponseLostAfterTheServerApplied_RetryIsAnsweredDuplicate_NothingAppliesTwice()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        for (var i = 0; i < 3; i++) till.Register.CompleteSale(Sale(product));

        till.Network.LoseResponses = 1;
        var lost = await Assert.ThrowsAsync<TillApiException>(() => till.Engine.PushAsync());
        Assert.Equal(3, till.Store.QueueLength);
        await till.Engine.PushAsync();

        Assert.True(lost.IsTransient);
        Assert.Equal(0, till.Store.QueueLength);
        var stored = await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.Where(m => m.DeviceId == till.DeviceId).Select(m => m.Seq).ToListAsync());
        Assert.Equal([1L, 2L, 3L], stored.Order());
    }

    [Fact]
    public async Task Push_Offline_KeepsEverything_AndSendsItInOrderWhenBackOnline()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Network.Offline = true;
        till.Register.OpenShift(null, 100m);
        till.Register.CompleteSale(Sale(product));

        await Assert.ThrowsAsync<TillApiException>(() => till.Engine.PushAsync());
        Assert.False(till.Engine.Status.IsOnline);
        Assert.Equal(2, till.Engine.Status.QueueLength);
        till.Network.Offline = false;
        await till.Engine.SyncAsync();

        Assert.True(till.Engine.Status.IsOnline);
        Assert.Equal(0, till.Engine.Status.QueueLength);
        var kinds = await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.Where(m => m.DeviceId == till.DeviceId).OrderBy(m => m.Seq).Select(m => m.Kind).ToListAsync());
        Assert.Equal([MutationKinds.ShiftOpen, MutationKinds.OrderComplete], kinds);
    }

    [Fact]
    public async Task TabOffline_OpenedEditedMovedAndPaid_ArrivesAsOneCompletedOrderWithItsLines_AndFreesTheTable()
    {
        var (tenant, coffee, _) = await TenantWithProductAsync();
        var client = tenant.Owner.Client;
        var cake = (await client.CreateProductAsync("CAKE", 4m, name: "Cheese cake"))["id"]!.GetValue<Guid>();
        var hall = (await (await client.PostAsJsonAsync("/api/restaurant/halls", new { branch_id = tenant.BranchId, name = "Hall" })).NodeAsync())["id"]!.GetValue<Guid>();
        var table1 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "1" })).NodeAsync())["id"]!.GetValue<Guid>();
        var table2 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "2" })).NodeAsync())["id"]!.GetValue<Guid>();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Network.Offline = true;
        till.Register.OpenShift(null, 50m);

        var tab = till.Register.OpenTab(table1, guests: 2);
        var first = till.Register.AddTabLine(tab.OrderId, coffee, 1);
        var second = till.Register.AddTabLine(tab.OrderId, cake, 1);
        var mistake = till.Register.AddTabLine(tab.OrderId, cake, 5);
        till.Register.ChangeTabQuantity(tab.OrderId, second.LineId, 2);
        till.Register.RemoveTabLine(tab.OrderId, mistake.LineId);
        till.Register.MoveTab(tab.OrderId, table2);
        Assert.Single(till.Register.GetOpenTabs());
        Assert.Throws<SaleRefusedException>(() => till.Register.ChangeTabQuantity(tab.OrderId, Guid.NewGuid(), 1));
        var paid = till.Register.PayTab(tab.OrderId, [new Tender(PaymentMethodKind.Cash, 50m)]);
        Assert.Throws<SaleRefusedException>(() => till.Register.PayTab(tab.OrderId, [new Tender(PaymentMethodKind.Cash, 50m)]));
        Assert.Throws<SaleRefusedException>(() => till.Register.AddTabLine(tab.OrderId, coffee, 1));

        till.Network.Offline = false;
        await till.Engine.SyncAsync();

        // 12.50 coffee + 2 x 4.00 cake, paid once, with the lines the tab ended with.
        Assert.Equal(20.50m, paid.GrandTotal);
        Assert.Empty(till.Store.GetIssues());
        Assert.Equal(0, till.Store.QueueLength);
        var order = await app.WithDbAsync(tenant.Id, db => db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == tab.OrderId));
        Assert.Equal("completed", order.Status.ToString().ToLowerInvariant());
        Assert.Equal(paid.Number, order.Number);
        Assert.Equal(table2, order.TableId);
        Assert.Equal(20.50m, order.GrandTotal);
        Assert.Equal([(first.LineId, 1m), (second.LineId, 2m)], order.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).Select(l => (l.Id, l.Quantity)));
        var statuses = await app.WithDbAsync(tenant.Id, db => db.RestaurantTables.Where(t => t.Id == table1 || t.Id == table2).ToDictionaryAsync(t => t.Id, t => t.Status.ToString()));
        Assert.NotEqual("Occupied", statuses[table1]);
        Assert.Equal("NeedsCleaning", statuses[table2]);
    }

    [Fact]
    public async Task RefundsOneUnitAtATime_GiveBackExactlyWhatWasPaid_AndTheServerAgrees()
    {
        var tenant = await app.CreateTenantAsync();
        var product = (await tenant.Owner.Client.CreateProductAsync("TEN", 10m, name: "Ten"))["id"]!.GetValue<Guid>();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Register.OpenShift(null, 100m);
        // 3 x 10.00 less 1.00 off the order: 29.00, which does not split into three equal cents.
        var sale = till.Register.CompleteSale(new SaleRequest([new SaleLine(product, 3)], [new Tender(PaymentMethodKind.Cash, 29m)])
        {
            OrderDiscount = Till.Core.Pricing.Discount.Amount(1m),
        });
        var line = sale.Lines[0].LineId;

        var refunds = Enumerable.Range(0, 3).Select(_ => till.Register.Refund(sale.OrderId, [(line, 1m)])).ToList();
        Assert.Throws<SaleRefusedException>(() => till.Register.Refund(sale.OrderId, [(line, 1m)]));
        await till.Engine.SyncAsync();

        Assert.Equal(29m, sale.GrandTotal);
        Assert.Equal(29m, refunds.Sum(r => r.Total));
        Assert.Equal(100m, till.Register.ExpectedCash(till.Register.CurrentShiftId!.Value));
        Assert.Empty(till.Store.GetIssues());
        var server = await app.WithDbAsync(tenant.Id, db => db.OrderRefunds.Where(r => r.OrderId == sale.OrderId).Select(r => r.Total).ToListAsync());
        Assert.Equal(refunds.Select(r => r.Total).Order(), server.Order());
    }

    [Fact]
    public async Task Terminal_KilledBetweenLocalCommitAndPush_SendsTheSaleAfterRestart()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        var order = till.Register.CompleteSale(Sale(product));

        await till.RestartAsync();
        await till.Engine.PushAsync();

        Assert.Equal(order.Number, till.Register.GetOrder(order.OrderId)?.Number);
        Assert.Equal(0, till.Store.QueueLength);
        Assert.Equal(1, await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.CountAsync(m => m.DeviceId == till.DeviceId)));
    }

    [Fact]
    public async Task OfflineTerminal_Sells1000Orders_TheyAllArriveOnceWhenItReconnects()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Network.Offline = true;
        var numbers = new HashSet<string>();
        for (var i = 0; i < 1000; i++) numbers.Add(till.Register.CompleteSale(Sale(product)).Number);

        till.Network.Offline = false;
        var watch = Stopwatch.StartNew();
        await till.Engine.SyncAsync();
        watch.Stop();

        Assert.Equal(1000, numbers.Count);
        Assert.Equal(0, till.Store.QueueLength);
        var seqs = await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.Where(m => m.DeviceId == till.DeviceId).Select(m => m.Seq).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), seqs.Order());
        TestContext.Current.SendDiagnosticMessage($"1000 offline orders synced in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Backup_RestoredOnANewStore_KeepsPendingMutations_WhichThenSyncOnce()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Register.CompleteSale(Sale(product));
        till.Register.CompleteSale(Sale(product));
        var backup = Path.Combine(Path.GetTempPath(), $"till-backup-{Guid.NewGuid():N}.db");
        var newPc = Path.Combine(Path.GetTempPath(), $"till-newpc-{Guid.NewGuid():N}.db");
        till.Store.Backup(backup);

        using var restored = LocalStore.Restore(backup, newPc);
        using var api = new TillApiClient(app.Server.BaseAddress, app.Server.CreateHandler());
        api.UseTokens(restored.Tokens);
        await using var engine = new SyncEngine(restored, api);
        Assert.Equal(2, restored.QueueLength);
        await engine.SyncAsync();
        // The old PC, still holding the same mutations, pushes them too: they are duplicates.
        await till.Engine.PushAsync();

        Assert.Equal(0, restored.QueueLength);
        Assert.Equal(restored.Device, till.Store.Device);
        Assert.Equal(2, await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.CountAsync(m => m.DeviceId == till.DeviceId)));
        File.Delete(backup);
    }

    [Fact]
    public async Task Pull_OfACustomerWithAPendingLocalEdit_KeepsTheLocalEditOnTop()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await tenant.Owner.Client.PostAsJsonAsync("/api/customers", new { code = "C1", name = "Ann" });
        var customerId = (await created.NodeAsync())["id"]!.GetValue<Guid>();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();

        var before = till.Store.GetEntity("customer", customerId)!.Version;
        till.Register.SaveCustomer(new CustomerUpsert(customerId, "C1", "Ann Local", "555", null, null, null, null));
        await tenant.Owner.Client.PutAsJsonAsync($"/api/customers/{customerId}", new { code = "C1", name = "Ann Server", email = "ann@example.com" });
        await till.Engine.PullAsync();

        var local = till.Store.GetEntity("customer", customerId)!.Data;
        Assert.Equal("Ann Local", local.GetProperty("name").GetString());
        Assert.Equal("555", local.GetProperty("phone").GetString());
        // The server's newer version is recorded underneath the pending edit.
        Assert.True(till.Store.GetEntity("customer", customerId)!.Version > before);
        Assert.Equal(1, till.Store.QueueLength);
    }

    [Fact]
    public async Task RejectedMutation_IsKeptAsAnIssue_AndCanBeRetriedOrDismissed()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        // Products the server has never heard of: an impossible reference, refused for good.
        till.Register.AdjustStock(Guid.CreateVersion7(), -2, "broken");
        till.Register.CountStock(Guid.CreateVersion7(), 5);

        await till.Engine.PushAsync();
        var issues = till.Store.GetIssues();

        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(MutationStatus.Rejected, i.Status));
        var retried = till.Store.RetryIssue(issues[0].Seq, DateTime.UtcNow);
        Assert.Equal(3, retried);
        Assert.True(till.Store.DismissIssue(issues[1].Seq));
        Assert.Empty(till.Store.GetIssues());
        Assert.Equal(1, till.Store.QueueLength);
    }

    [Fact]
    public async Task Pull_AfterTheCursorWasPurged_ResetsThroughTheSnapshot_KeepingTheOutbox()
    {
        var (tenant, product, barcode) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        await till.Engine.BootstrapAsync();
        till.Register.CompleteSale(Sale(product));
        var leaver = await tenant.AddUserAsync("leaver", "cashier");
        await tenant.Owner.Client.DeleteAsync($"/api/users/{leaver.UserId}");
        await app.WithDbAsync(tenant.Id, db => db.ChangeLog.Where(c => c.EntityId == leaver.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedAt, DateTime.UtcNow.AddDays(-400))));
        await app.Services.GetRequiredService<Till.Server.Sync.ChangeLogCompactor>().CompactAsync(tenant.Id, CancellationToken.None);

        await till.Engine.PullAsync();

        Assert.Equal(product, till.Store.FindByBarcode(barcode)?.Id);
        Assert.Null(till.Store.GetEntity("user", leaver.UserId));
        Assert.Equal(1, till.Store.QueueLength);
    }

    [Fact]
    public async Task StatusEvents_FollowQueueLengthAndOnlineState_AndTheServerSeesTheReportedQueue()
    {
        var (tenant, product, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1", options: new SyncEngineOptions { PushBatchSize = 2 });
        await till.Engine.BootstrapAsync();
        var seen = new List<SyncStatus>();
        till.Engine.StatusChanged += seen.Add;

        for (var i = 0; i < 3; i++) till.Register.CompleteSale(Sale(product));
        till.Network.Offline = true;
        await Assert.ThrowsAsync<TillApiException>(() => till.Engine.PushAsync());
        till.Network.Offline = false;
        // Two batches: the first reports one mutation still waiting, the last reports none.
        till.Network.LoseResponses = 1;
        await Assert.ThrowsAsync<TillApiException>(() => till.Engine.PushAsync());
        var midway = await app.WithDbAsync(tenant.Id, db => db.DeviceSyncStates.Where(s => s.DeviceId == till.DeviceId).Select(s => s.ReportedQueueLength).SingleAsync());
        await till.Engine.PushAsync();
        var reported = await app.WithDbAsync(tenant.Id, db => db.DeviceSyncStates.Where(s => s.DeviceId == till.DeviceId).Select(s => s.ReportedQueueLength).SingleAsync());

        Assert.Contains(seen, s => s.QueueLength == 3);
        Assert.Contains(seen, s => !s.IsOnline && s.LastError is not null);
        Assert.True(seen[^1] is { IsOnline: true, QueueLength: 0 });
        Assert.NotNull(seen[^1].LastSyncAt);
        Assert.Equal(1, midway);
        Assert.Equal(0, reported);
    }

    [Fact]
    public async Task ApiClient_WithAnExpiredAccessToken_RefreshesByItself()
    {
        var (tenant, _, _) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1");
        var before = till.Api.Tokens!;
        till.Api.UseTokens(before with { AccessToken = "expired" });

        await till.Engine.BootstrapAsync();

        Assert.NotEqual(before.RefreshToken, till.Api.Tokens!.RefreshToken);
        Assert.Equal(till.Api.Tokens, till.Store.Tokens);
    }

    [Fact]
    public async Task PriceChangedInBackOffice_ReachesAConnectedTerminal_ThroughTheNudge()
    {
        var (tenant, product, barcode) = await TenantWithProductAsync();
        await using var till = await TestTerminal.ActivateAsync(app, tenant, "T1",
            options: new SyncEngineOptions { PullInterval = TimeSpan.FromHours(1), PushInterval = TimeSpan.FromHours(1) });
        await till.Engine.BootstrapAsync();
        till.Engine.Start();
        await using var realtime = new RealtimeClient(app.Server.BaseAddress, () => till.Api.AccessToken, till.Engine.Nudge, app.Server.CreateHandler);
        await realtime.StartAsync();

        var watch = Stopwatch.StartNew();
        var put = await tenant.Owner.Client.PutAsJsonAsync($"/api/products/{product}", new { sku = "SKU-1", name = "Arabica Coffee Beans", price = 14m, cost = 4m, barcodes = new[] { barcode } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        // No periodic pull will run within the hour: only the nudge can bring the price.
        while (till.Store.GetProduct(product)?.Price != 14m && watch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);

        Assert.Equal(14m, till.Store.GetProduct(product)?.Price);
        TestContext.Current.SendDiagnosticMessage($"price reached the terminal in {watch.ElapsedMilliseconds} ms");
    }
}

public sealed class SyncEngineTestsSqlite(SqliteApp app) : SyncEngineTests(app);

public sealed class SyncEngineTestsPostgres(PostgresApp app) : SyncEngineTests(app);
