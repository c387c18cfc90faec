using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Till.Server.Activities;
using Till.Server.Audit;
using Till.Server.Auth;
using Till.Server.Tenancy;

namespace Till.Server.Data;

/// <summary>
/// The server's unit of work. Every tenant-owned entity is filtered by the tenant of the current
/// token ("tenant" filter) and every synced entity hides tombstones ("soft_delete" filter).
/// </summary>
/// <remarks>
/// Each provider has its own subclass and its own migrations folder. Add a migration to both with
/// <c>scripts/add-migration.sh Name</c>, which runs
/// <c>dotnet ef migrations add Name --project src/Till.Server --context SqliteTillDbContext --output-dir Data/Migrations/Sqlite</c>
/// and the same with <c>PostgresTillDbContext</c> and <c>Data/Migrations/Postgres</c>.
/// </remarks>
internal abstract class TillDbContext(DbContextOptions options) : DbContext(options)
{
    public const string TenantFilter = "tenant";
    public const string SoftDeleteFilter = "soft_delete";

    /// <summary>
    /// For <c>IgnoreQueryFilters(...)</c>: always these instances, never a new array per call, because
    /// EF Core keys its compiled-query cache on the expression and an array constant compares by
    /// reference (a fresh array each call recompiles the query each call).
    /// </summary>
    public static readonly IReadOnlyCollection<string> SoftDeleteOnly = [SoftDeleteFilter];

    /// <inheritdoc cref="SoftDeleteOnly"/>
    public static readonly IReadOnlyCollection<string> TenantOnly = [TenantFilter];

    /// <summary>The request's (or job's) tenant, user and device: every query is filtered by it.</summary>
    public TenantContext Tenant { get; private set; } = Unrented;

    /// <summary>Before a scope hands the context out: matches no tenant.</summary>
    private static readonly TenantContext Unrented = new();

    /// <summary>
    /// Hands a pooled context (see <c>DataServiceCollectionExtensions.AddTillData</c>) to a scope: its
    /// tenant from now on is the scope's, and nothing of the previous scope's unit of work is left
    /// (Entity Framework resets its own state: tracked rows, transaction, connection).
    /// </summary>
    internal TillDbContext Rent(TenantContext tenant)
    {
        Tenant = tenant;
        ChangeLogBatch = null;
        DeferredChangeLog = null;
        SavingInOwnTransaction = false;
        _events = null;
        return this;
    }

    /// <summary>Read by the query filters; <see cref="Guid.Empty"/> matches nothing.</summary>
    private Guid CurrentTenantId => Tenant.TenantId ?? Guid.Empty;

    public abstract DatabaseProvider Provider { get; }

    private List<Events.DomainEvent>? _events;

    /// <summary>
    /// When set, synced writes stage their change-log rows under this batch instead of logging them
    /// (see <see cref="Sync.StagedChange"/>); the writer publishes the batch before committing.
    /// </summary>
    internal Guid? ChangeLogBatch { get; set; }

    /// <summary>
    /// When set (a push on PostgreSQL), the unit of work's change-log rows are collected here, in the
    /// order they are made, instead of being written as they are saved; the writer inserts them just
    /// before it commits, under the tenant's commit lock, so they are numbered on insert
    /// (<see cref="BulkSaver.PublishDeferredAndCommitAsync"/>, <see cref="BulkSaver.InsertAndCommitAsync"/>).
    /// </summary>
    internal List<Sync.ChangeLogEntry>? DeferredChangeLog { get; set; }

    /// <summary>Collects <paramref name="changes"/> when the writer defers its change-log rows; false when it does not.</summary>
    internal bool Defer(IReadOnlyCollection<Sync.ChangeLogEntry> changes)
    {
        if (DeferredChangeLog is not { } deferred) return false;
        deferred.AddRange(changes);
        return true;
    }

    /// <summary>Logs <paramref name="changes"/> with the unit of work (or collects them while the writer defers them).</summary>
    internal void LogChanges(IReadOnlyCollection<Sync.ChangeLogEntry> changes)
    {
        if (!Defer(changes)) ChangeLog.AddRange(changes);
    }

    /// <summary>Set while a SaveChanges runs in the transaction EF opens for it (no caller transaction).</summary>
    internal bool SavingInOwnTransaction { get; set; }

    /// <summary>Queues an event to publish once this unit of work commits.</summary>
    public void Raise(Events.DomainEvent domainEvent) => (_events ??= []).Add(domainEvent);

    /// <summary>The events queued so far (what this unit of work changed), left queued.</summary>
    internal IReadOnlyList<Events.DomainEvent> PendingEvents => _events ?? [];

    /// <summary>Hands over (and forgets) the queued events.</summary>
    public IReadOnlyList<Events.DomainEvent> TakeEvents()
    {
        var events = _events ?? [];
        _events = null;
        return events;
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Branch> Branches => Set<Branch>();
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEntry> AuditLogs => Set<AuditEntry>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Sync.ChangeLogEntry> ChangeLog => Set<Sync.ChangeLogEntry>();
    public DbSet<Sync.DeviceSyncState> DeviceSyncStates => Set<Sync.DeviceSyncState>();
    public DbSet<Sync.AppliedMutation> AppliedMutations => Set<Sync.AppliedMutation>();
    public DbSet<Sync.SyncConflict> SyncConflicts => Set<Sync.SyncConflict>();
    public DbSet<Sync.SyncLog> SyncLogs => Set<Sync.SyncLog>();
    public DbSet<Sync.SyncFloor> SyncFloors => Set<Sync.SyncFloor>();
    public DbSet<Sync.StagedChange> StagedChanges => Set<Sync.StagedChange>();
    public DbSet<Licensing.License> Licenses => Set<Licensing.License>();
    public DbSet<Licensing.LicenseActivation> LicenseActivations => Set<Licensing.LicenseActivation>();
    public DbSet<Catalog.Category> Categories => Set<Catalog.Category>();
    public DbSet<Catalog.Product> Products => Set<Catalog.Product>();
    public DbSet<Catalog.ProductBarcode> ProductBarcodes => Set<Catalog.ProductBarcode>();
    public DbSet<Catalog.ProductBranch> ProductBranches => Set<Catalog.ProductBranch>();
    public DbSet<Catalog.ProductModifier> ProductModifiers => Set<Catalog.ProductModifier>();
    public DbSet<Inventory.StockMovement> StockMovements => Set<Inventory.StockMovement>();
    public DbSet<Inventory.StockLevel> StockLevels => Set<Inventory.StockLevel>();
    public DbSet<Inventory.StockTransfer> StockTransfers => Set<Inventory.StockTransfer>();
    public DbSet<Customers.Customer> Customers => Set<Customers.Customer>();
    public DbSet<Customers.LoyaltyEntry> LoyaltyEntries => Set<Customers.LoyaltyEntry>();
    public DbSet<Purchasing.Supplier> Suppliers => Set<Purchasing.Supplier>();
    public DbSet<Purchasing.Purchase> Purchases => Set<Purchasing.Purchase>();
    public DbSet<Purchasing.PurchaseLine> PurchaseLines => Set<Purchasing.PurchaseLine>();
    public DbSet<Orders.Order> Orders => Set<Orders.Order>();
    public DbSet<Orders.OrderLine> OrderLines => Set<Orders.OrderLine>();
    public DbSet<Orders.OrderPayment> OrderPayments => Set<Orders.OrderPayment>();
    public DbSet<Orders.OrderRefund> OrderRefunds => Set<Orders.OrderRefund>();
    public DbSet<Orders.OrderRefundLine> OrderRefundLines => Set<Orders.OrderRefundLine>();
    public DbSet<Orders.OrderNumberSeries> OrderNumberSeries => Set<Orders.OrderNumberSeries>();
    public DbSet<Orders.PaymentMethod> PaymentMethods => Set<Orders.PaymentMethod>();
    public DbSet<Orders.BranchPaymentMethod> BranchPaymentMethods => Set<Orders.BranchPaymentMethod>();
    public DbSet<Api.IdempotentRequest> IdempotentRequests => Set<Api.IdempotentRequest>();
    public DbSet<Promotions.Promotion> Promotions => Set<Promotions.Promotion>();
    public DbSet<Promotions.SalesSettings> SalesSettings => Set<Promotions.SalesSettings>();
    public DbSet<Shifts.Shift> Shifts => Set<Shifts.Shift>();
    public DbSet<Shifts.CashMovement> CashMovements => Set<Shifts.CashMovement>();
    public DbSet<Shifts.ExpenseCategory> ExpenseCategories => Set<Shifts.ExpenseCategory>();
    public DbSet<Shifts.Expense> Expenses => Set<Shifts.Expense>();
    public DbSet<Restaurant.Hall> Halls => Set<Restaurant.Hall>();
    public DbSet<Restaurant.RestaurantTable> RestaurantTables => Set<Restaurant.RestaurantTable>();
    public DbSet<Restaurant.KitchenPrinter> KitchenPrinters => Set<Restaurant.KitchenPrinter>();
    public DbSet<Restaurant.KitchenTicket> KitchenTickets => Set<Restaurant.KitchenTicket>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TillDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            var clr = entityType.ClrType;
            if (typeof(ITenantOwned).IsAssignableFrom(clr))
            {
                ApplyTenantFilterMethod.MakeGenericMethod(clr).Invoke(this, [modelBuilder]);
                // Every tenant-filtered query needs an index led by tenant_id; a table whose own key or
                // unfiltered index already starts with it gets no second one (each index is one more
                // write per row). A filtered index (live rows only) does not count: it cannot serve every query.
                // Rows only ever read through their parent's key ([ReadThroughParent]) need none.
                if (clr.GetCustomAttribute<ReadThroughParentAttribute>() is null && !entityType.GetIndexes().Where(i => i.GetFilter() is null).Select(i => i.Properties).Concat(entityType.GetKeys().Select(k => k.Properties))
                        .Any(properties => properties[0].Name == nameof(ITenantOwned.TenantId)))
                    modelBuilder.Entity(clr).HasIndex(nameof(ITenantOwned.TenantId));
            }

            if (typeof(SyncEntity).IsAssignableFrom(clr))
            {
                ApplySyncConventionsMethod.MakeGenericMethod(clr).Invoke(null, [modelBuilder]);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(TillDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo ApplySyncConventionsMethod =
        typeof(TillDbContext).GetMethod(nameof(ApplySyncConventions), BindingFlags.NonPublic | BindingFlags.Static)!;

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => e.TenantId == CurrentTenantId;
        modelBuilder.Entity<T>().HasQueryFilter(TenantFilter, filter);
    }

    private static void ApplySyncConventions<T>(ModelBuilder modelBuilder) where T : SyncEntity
    {
        var entity = modelBuilder.Entity<T>();
        entity.HasQueryFilter(SoftDeleteFilter, e => !e.IsDeleted);
        // Optimistic concurrency: every write bumps the version and checks the one it read.
        entity.Property(e => e.Version).IsConcurrencyToken();
        entity.Property(e => e.Id).ValueGeneratedNever();
    }
}
