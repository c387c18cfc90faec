using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Till.Server.Data;

/// <summary>
/// Saves a unit of work that adds many rows (a push's run of offline sales: orders, lines, payments,
/// stock movements and their audit and change-log rows) with one binary <c>COPY</c> per table on
/// PostgreSQL, instead of one <c>INSERT</c> statement per row. The rows are exactly what
/// <c>SaveChanges</c> would write: the <see cref="StampingInterceptor"/> stamps them and adds their
/// audit and change-log rows first, triggers and constraints run as for any insert, and the caller's
/// transaction commits them, and the saved rows are no longer tracked. Changed (not added) rows are
/// saved by <c>SaveChanges</c> afterwards.
/// On SQLite, or outside a transaction, it is <c>SaveChanges</c>.
/// </summary>
internal sealed class BulkSaver(StampingInterceptor stamping, Events.DomainEventPublisher events)
{
    public async Task SaveAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        // Stamping detects the changes once. Its audit and change-log rows are written here without
        // ever being tracked (adding, then detaching, thousands of rows was a fifth of a push's CPU).
        var stamped = stamping.Stamp(db, addedOnly: true, track: false);
        var added = db.ChangeTracker.EntriesAsDetected().Where(e => e.State == EntityState.Added).ToList();
        var tables = added.GroupBy(e => e.Metadata).Select(g => new Table(g.Key, [.. g.Select(e => new Row(e.Entity, e))]))
            .Concat(Untracked(db, WrittenNow(db, stamped))).ToList();
        await WriteAsync(db, tables, deferred: null, commit: false, ct);
        stamped.Raise(db);
        // Saved: stop tracking the rows (later saves of the unit of work would scan them again, and a
        // change-log row's sequence, made up by the database, is never read back). The objects keep their values.
        foreach (var entry in added) entry.State = EntityState.Detached;
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Inserts new rows that the unit of work does not track (and never will: no change tracking, no
    /// detaching), stamped and with their audit and change-log rows, exactly as <see cref="SaveAsync"/>
    /// would write them had they been added. Give a principal's rows with or before its dependents'
    /// in any order: tables are written in dependency order. On SQLite, or outside a transaction, the
    /// rows are added and saved by <c>SaveChanges</c> (and stay tracked).
    /// </summary>
    public async Task InsertAsync(TillDbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (await SavedByEntityFrameworkAsync(db, rows, ct)) return;
        var stamped = stamping.StampNew(db, rows);
        await WriteAsync(db, [.. Untracked(db, rows.Concat(WrittenNow(db, stamped)))], deferred: null, commit: false, ct);
        stamped.Raise(db);
    }

    /// <summary>
    /// The unit of work's last step: inserts <paramref name="rows"/> as <see cref="InsertAsync"/> does,
    /// then the change-log rows collected so far (<see cref="TillDbContext.DeferredChangeLog"/>, numbered
    /// under the tenant's commit lock), and commits the transaction. For a few rows (a sale) all of it,
    /// the <c>COMMIT</c> included, is one round trip: the commit lock is then held only while PostgreSQL
    /// runs the last statements, never across a round trip to this process. The events raised are
    /// published once it has committed, as after any commit.
    /// </summary>
    /// <param name="actorOf">Who made each row, when they are not all this scope's (see <see cref="StampingInterceptor.StampNew"/>).</param>
    public async Task InsertAndCommitAsync(TillDbContext db, IReadOnlyList<object> rows, CancellationToken ct, Func<object, Audit.AuditActor>? actorOf = null)
    {
        if (await SavedByEntityFrameworkAsync(db, rows, ct))
        {
            await CommitAsync(db, ct);
            return;
        }
        var stamped = stamping.StampNew(db, rows, actorOf);
        // The rows' own change-log rows join the deferred ones first (WrittenNow), then the deferred are taken.
        List<Table> tables = [.. Untracked(db, rows.Concat(WrittenNow(db, stamped)))];
        var deferred = TakeDeferred(db);
        var latest = await WriteAsync(db, tables, deferred, commit: true, ct);
        stamped.Raise(db);
        await FinishAsync(db, deferred, latest, ct);
    }

    /// <summary>
    /// Stamps new untracked rows as <see cref="InsertAsync"/> does (their audit rows join them, their change-log rows
    /// the deferred ones) and hands back their inserts, to travel in another writer's round trip ahead of its own
    /// statement: a batch of sales sends its rows in the round trip that ends with the stock level upsert, so that
    /// the levels stay locked only from there to the commit. PostgreSQL, in a transaction; every table goes as one
    /// <c>INSERT ... SELECT FROM unnest(...)</c> (no copy), so it is meant for a few rows.
    /// </summary>
    public IBatchedStatement PrepareInsert(TillDbContext db, IReadOnlyList<object> rows, Func<object, Audit.AuditActor>? actorOf = null)
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("BulkSaver.PrepareInsert needs PostgreSQL and the caller's transaction.");
        var stamped = stamping.StampNew(db, rows, actorOf);
        return new PreparedInsert(db, InDependencyOrder([.. Untracked(db, rows.Concat(WrittenNow(db, stamped)))]), stamped);
    }

    /// <summary>The inserts of <see cref="PrepareInsert"/>: once they have run, the rows' events are raised in the unit of work.</summary>
    private sealed class PreparedInsert(TillDbContext db, List<Table> tables, StampedRows stamped) : IBatchedStatement
    {
        public void AddTo(System.Data.Common.DbBatch batch)
        {
            foreach (var table in tables) batch.BatchCommands.Add(InsertCommand(table));
        }

        /// <summary>Inserts answer no rows, so Npgsql's reader is already past them: only the events are left.</summary>
        public Task ReadAsync(System.Data.Common.DbDataReader reader, CancellationToken ct)
        {
            stamped.Raise(db);
            return Task.CompletedTask;
        }

        public async Task ExecuteAsync(TillDbContext _, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await BatchAsync(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), tables, [], commit: false, ct);
            stamped.Raise(db);
        }
    }

    /// <summary>On SQLite, or outside a transaction, new rows are simply added and saved (and stay tracked).</summary>
    private static async Task<bool> SavedByEntityFrameworkAsync(TillDbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres && db.Database.CurrentTransaction is not null) return false;
        if (rows.Count == 0) return true;
        db.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A table with at least this many rows is copied (binary <c>COPY</c>, a round trip of its own); smaller ones
    /// go together in one round trip, one <c>INSERT ... SELECT FROM unnest(...)</c> each (each column one array
    /// parameter). A push's lines, movements and answers are copied; a sale's few rows take one round trip.
    /// </summary>
    private const int CopiedTableRows = 100;

    /// <summary>Up to this many change-log rows go in the commit's round trip; more (a large import's) are copied.</summary>
    private const int BatchedChangeRows = 5000;

    /// <summary>
    /// The unit of work's last step: inserts the change-log rows collected in
    /// <see cref="TillDbContext.DeferredChangeLog"/> (and stops collecting), each tenant's after its commit
    /// lock so they are numbered as they go in, in the order they were made, and commits: for a few rows
    /// in the same round trip as the <c>COMMIT</c>. With nothing deferred (SQLite, a unit of work that
    /// numbers its rows at commit) it is the transaction's commit.
    /// </summary>
    /// <returns>
    /// Each tenant's latest change-log sequence as of this commit, for the tenants whose rows it numbered (read
    /// under their commit locks, so every lower number is committed too); empty when there was nothing deferred.
    /// </returns>
    public async Task<IReadOnlyDictionary<Guid, long>> PublishDeferredAndCommitAsync(TillDbContext db, CancellationToken ct)
    {
        var deferred = TakeDeferred(db);
        var latest = await WriteAsync(db, [], deferred, commit: true, ct);
        await FinishAsync(db, deferred, latest, ct);
        return latest ?? NoneCommitted;
    }

    private static readonly IReadOnlyDictionary<Guid, long> NoneCommitted = new Dictionary<Guid, long>();

    private static Task CommitAsync(TillDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is { } transaction ? transaction.CommitAsync(ct) : Task.CompletedTask;

    /// <summary>
    /// Ends the unit of work after <see cref="WriteAsync"/> with <c>commit</c>. When there was nothing to write
    /// (<paramref name="latest"/> null) it is an ordinary commit. Otherwise the batch's own <c>COMMIT</c> ended
    /// the transaction (Npgsql saw it end): Entity Framework's transaction object only lets go of it (disposing
    /// a completed transaction rolls nothing back), and the events raised in it are published, as
    /// <see cref="Events.DomainEventDispatcher"/> does after a commit. A change event whose rows were all
    /// numbered on insert here carries its tenant's sequence as of this commit, so the publisher need not read
    /// it again.
    /// </summary>
    private async Task FinishAsync(TillDbContext db, List<Sync.ChangeLogEntry>? deferred, Dictionary<Guid, long>? latest, CancellationToken ct)
    {
        if (latest is null)
        {
            await CommitAsync(db, ct);
            return;
        }
        await db.Database.CurrentTransaction!.DisposeAsync();
        var raised = db.TakeEvents();
        if (latest.Count > 0 && deferred is not null)
        {
            var numbered = deferred.ToHashSet(ReferenceEqualityComparer.Instance);
            raised = [.. raised.Select(e => e is Sync.ChangesCommitted { CommittedSeq: null } changes && latest.TryGetValue(changes.TenantId, out var seq)
                && changes.Entries.All(numbered.Contains) ? changes with { CommittedSeq = seq } : e)];
        }
        await events.PublishAsync(raised, ct);
    }

    /// <summary>The collected change-log rows (null when the unit of work does not defer them); collecting stops.</summary>
    private static List<Sync.ChangeLogEntry>? TakeDeferred(TillDbContext db)
    {
        var deferred = db.DeferredChangeLog;
        db.DeferredChangeLog = null;
        return deferred;
    }

    /// <summary>
    /// Inserts <paramref name="tables"/> (in dependency order) and then, for each tenant, takes its commit
    /// lock and inserts its <paramref name="deferred"/> change-log rows, numbered as they go in. A table of
    /// many rows is copied (one binary <c>COPY</c>); the small ones (all of a sale's) and the change-log rows
    /// go in one round trip, a batch of <c>INSERT ... SELECT FROM unnest(...)</c>. With <paramref name="commit"/>,
    /// the transaction's <c>COMMIT</c> follows in that round trip (after an error PostgreSQL skips the rest of a
    /// batch, the commit included), so a tenant's commit lock is held only while PostgreSQL runs its end.
    /// </summary>
    /// <returns>
    /// When it committed, each tenant's latest change-log sequence as of this commit (read under its commit lock,
    /// so every lower number is committed too); null when it did not (no <paramref name="commit"/>, or nothing to write).
    /// </returns>
    private static async Task<Dictionary<Guid, long>?> WriteAsync(TillDbContext db, List<Table> tables, List<Sync.ChangeLogEntry>? deferred, bool commit, CancellationToken ct)
    {
        // Nothing to write (a unit of work that defers nothing, on any provider): no round trip, no commit.
        if (tables.Count == 0 && deferred is not { Count: > 0 }) return null;
        var changeLogType = db.Model.FindEntityType(typeof(Sync.ChangeLogEntry))!;
        var changeLog = (deferred ?? []).GroupBy(c => c.TenantId).OrderBy(g => g.Key)
            .Select(g => (Tenant: g.Key, Rows: new Table(changeLogType, [.. g.Select(c => new Row(c, null))]))).ToList();
        var ordered = InDependencyOrder(tables);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();

        // Foreign keys are checked row by row, so a table goes after the tables it refers to: small tables wait
        // in the batch until a large one is copied, and the batch goes first.
        var batch = new List<Table>();
        foreach (var table in ordered)
        {
            if (table.Rows.Count < CopiedTableRows)
            {
                batch.Add(table);
                continue;
            }
            if (batch.Count > 0) await BatchAsync(connection, transaction, batch, [], commit: false, ct);
            batch.Clear();
            await CopyAsync(connection, table, ct);
        }
        if (changeLog.Sum(c => c.Rows.Rows.Count) <= BatchedChangeRows)
            return batch.Count > 0 || changeLog.Count > 0 || commit ? await BatchAsync(connection, transaction, batch, changeLog, commit, ct) : null;

        if (batch.Count > 0) await BatchAsync(connection, transaction, batch, [], commit: false, ct);
        foreach (var (tenant, rows) in changeLog)
        {
            await using (var publish = new NpgsqlCommand(Sync.PostgresSyncObjects.PublishTenantSql, connection, transaction) { Parameters = { new NpgsqlParameter { Value = tenant } } })
                await publish.ExecuteNonQueryAsync(ct);
            await CopyAsync(connection, rows, ct);
        }
        if (!commit) return null;
        var committed = new Dictionary<Guid, long>(changeLog.Count);
        foreach (var (tenant, _) in changeLog)
        {
            await using var read = new NpgsqlCommand(LatestSeqSql, connection, transaction) { Parameters = { new NpgsqlParameter { Value = tenant } } };
            committed[tenant] = (long)(await read.ExecuteScalarAsync(ct))!;
        }
        await using (var end = new NpgsqlCommand("COMMIT", connection, transaction)) await end.ExecuteNonQueryAsync(ct);
        return committed;
    }

    /// <summary>
    /// One round trip: <paramref name="tables"/> inserted from arrays, then each tenant's change-log rows after its
    /// commit lock, and with <paramref name="commit"/> each tenant's latest sequence and the <c>COMMIT</c>.
    /// </summary>
    /// <returns>With <paramref name="commit"/>, each tenant's latest sequence as of the commit; otherwise null.</returns>
    private static async Task<Dictionary<Guid, long>?> BatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Table> tables,
        List<(Guid Tenant, Table Rows)> changeLog, bool commit, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var table in tables) batch.BatchCommands.Add(InsertCommand(table));
        foreach (var (tenant, rows) in changeLog)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Sync.PostgresSyncObjects.PublishTenantSql) { Parameters = { new NpgsqlParameter { Value = tenant } } });
            batch.BatchCommands.Add(InsertCommand(rows));
            if (commit) batch.BatchCommands.Add(new NpgsqlBatchCommand(LatestSeqSql) { Parameters = { new NpgsqlParameter { Value = tenant } } });
        }
        if (commit) batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // Of the results with rows (the commit lock's void, the sequence), the sequences come one per tenant, in order.
            var latest = commit ? new Dictionary<Guid, long>(changeLog.Count) : null;
            var next = 0;
            do
            {
                if (latest is not null && reader.FieldCount == 1 && reader.GetName(0) == LatestSeqColumn && await reader.ReadAsync(ct)) latest[changeLog[next++].Tenant] = reader.GetInt64(0);
            }
            while (await reader.NextResultAsync(ct));
            return latest;
        }
        catch (PostgresException e)
        {
            throw new DbUpdateException($"Inserting rows failed: {e.MessageText}", e);
        }
    }

    /// <summary>The tenant's newest change-log number (one probe of its (tenant_id, seq) index); under its commit lock, this transaction's last.</summary>
    private const string LatestSeqSql = $"SELECT max(seq) AS {LatestSeqColumn} FROM change_log WHERE tenant_id = $1";

    private const string LatestSeqColumn = "latest_seq";

    /// <summary>
    /// <c>INSERT INTO t (columns) SELECT * FROM unnest($1::type[], ...)</c>: a table's rows as one array per
    /// column, so the statement's text is the same for any number of rows (prepared once per connection).
    /// </summary>
    private static NpgsqlBatchCommand InsertCommand(Table rows)
    {
        var (columns, sql) = InsertStatements.GetOrAdd(rows.Type, type =>
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = Columns(type, table);
            var target = type.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
            return (columns, $"INSERT INTO {target} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                $"SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.StoreType}[]"))})");
        });
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in columns)
        {
            var values = column.Values(rows.Rows);
            command.Parameters.Add(column.DbType is { } dbType
                ? new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | dbType }
                : new NpgsqlParameter { Value = values, DataTypeName = column.StoreType + "[]" });
        }
        return command;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, (List<Column> Columns, string Sql)> InsertStatements = new();

    /// <summary>The stamped rows to write now: a deferring writer inserts the change-log rows itself, just before it commits.</summary>
    private static IEnumerable<object> WrittenNow(TillDbContext db, StampedRows stamped) =>
        db.Defer(stamped.Changes) ? stamped.All.Where(r => r is not Sync.ChangeLogEntry) : stamped.All;

    private static IEnumerable<Table> Untracked(TillDbContext db, IEnumerable<object> rows) =>
        rows.GroupBy(r => r.GetType()).Select(g => new Table(db.Model.FindEntityType(g.Key)!, [.. g.Select(r => new Row(r, null))]));

    /// <summary>A row to write: tracked (its entry gives shadow values) or not (every column is a property).</summary>
    private sealed record Row(object Entity, EntityEntry? Entry);

    private sealed record Table(IEntityType Type, List<Row> Rows);

    private static List<Table> InDependencyOrder(List<Table> tables)
    {
        var ordered = new List<Table>(tables.Count);
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            // A table is ready once no other pending table is its principal.
            var ready = pending.FirstOrDefault(t => !t.Type.GetForeignKeys().Any(fk => fk.PrincipalEntityType != t.Type && pending.Any(p => p.Type == fk.PrincipalEntityType)))
                ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Table rows, CancellationToken ct)
    {
        var type = rows.Type;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = Columns(type, table);
        var target = type.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var copy = $"COPY {target} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        if (columns.TrueForAll(c => c.Binary))
        {
            await RawCopyAsync(connection, table.Name, copy, columns, rows.Rows, ct);
            return;
        }
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
            foreach (var row in rows.Rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in columns) await column.CopyAsync(importer, row, ct);
            }
            await importer.CompleteAsync(ct);
        }
        catch (PostgresException e)
        {
            // As SaveChanges reports it: a refused row (a unique index, a foreign key) is a DbUpdateException,
            // whose inner exception callers read (UniqueViolation, transient errors).
            throw new DbUpdateException($"Copying rows into {table.Name} failed: {e.MessageText}", e);
        }
    }

    /// <summary>Rows are handed to the copy stream in pieces of about this size.</summary>
    private const int CopyChunk = 64 * 1024;

    /// <summary>
    /// The same copy with the rows encoded here (<see cref="PgCopyBuffer"/>) and written to a raw binary copy
    /// stream: every column is of a type the buffer writes. A value that cannot be written (a time that is not
    /// UTC) cancels the copy before it is thrown.
    /// </summary>
    private static async Task RawCopyAsync(NpgsqlConnection connection, string table, string copy, List<Column> columns, List<Row> rows, CancellationToken ct)
    {
        using var buffer = new PgCopyBuffer(2 * CopyChunk);
        try
        {
            await using var stream = await connection.BeginRawBinaryCopyAsync(copy, ct);
            try
            {
                buffer.Header();
                foreach (var row in rows)
                {
                    buffer.StartRow(columns.Count);
                    foreach (var column in columns) column.Encode(row, buffer);
                    if (buffer.Length < CopyChunk) continue;
                    await stream.WriteAsync(buffer.Written, ct);
                    buffer.Clear();
                }
                buffer.Trailer();
                await stream.WriteAsync(buffer.Written, ct);
            }
            catch (Exception e) when (e is not PostgresException)
            {
                await stream.CancelAsync();
                throw;
            }
        }
        catch (PostgresException e)
        {
            throw new DbUpdateException($"Copying rows into {table} failed: {e.MessageText}", e);
        }
    }

    private sealed record Column(IProperty Property, string Name, string StoreType, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        /// <summary>
        /// The column's type as Npgsql's enum, for the common store types: naming a type by its string costs
        /// Npgsql a parse of that name for every parameter (and every copied value), a tenth of a sale's insert.
        /// </summary>
        public NpgsqlTypes.NpgsqlDbType? DbType { get; } = StoreType switch
        {
            "uuid" => NpgsqlTypes.NpgsqlDbType.Uuid,
            "text" => NpgsqlTypes.NpgsqlDbType.Text,
            "character varying" => NpgsqlTypes.NpgsqlDbType.Varchar,
            "numeric" => NpgsqlTypes.NpgsqlDbType.Numeric,
            "timestamp with time zone" => NpgsqlTypes.NpgsqlDbType.TimestampTz,
            "boolean" => NpgsqlTypes.NpgsqlDbType.Boolean,
            "integer" => NpgsqlTypes.NpgsqlDbType.Integer,
            "bigint" => NpgsqlTypes.NpgsqlDbType.Bigint,
            "date" => NpgsqlTypes.NpgsqlDbType.Date,
            _ => null,
        };

        /// <summary>Whether <see cref="Encode"/> writes this column (its store and value types are ones <see cref="PgCopyBuffer"/> knows).</summary>
        public bool Binary { get; } = PgCopyBuffer.Supports(StoreType, Converter?.ProviderClrType ?? Property.ClrType);

        /// <summary>The column's values of <paramref name="rows"/> as written, in a typed array (one per parameter).</summary>
        public Array Values(List<Row> rows) => _access.Values(this, rows);

        /// <summary>Writes <paramref name="row"/>'s value of this column in the binary copy format.</summary>
        public void Encode(Row row, PgCopyBuffer buffer) => _access.Encode(this, row, buffer);

        /// <summary>Writes <paramref name="row"/>'s value of this column as the next value of a binary <c>COPY</c> row.</summary>
        public Task CopyAsync(NpgsqlBinaryImporter importer, Row row, CancellationToken ct) => _access.CopyAsync(this, importer, row, ct);

        private readonly Access _access = Access.For(Property, Converter);

        /// <summary>Hands <paramref name="value"/> to Npgsql's importer as this column's type (named by enum where it can be).</summary>
        private Task WriteAsync<T>(NpgsqlBinaryImporter importer, T value, CancellationToken ct) =>
            value is null ? importer.WriteNullAsync(ct)
                : DbType is { } dbType ? importer.WriteAsync(value, dbType, ct)
                : importer.WriteAsync(value, StoreType, ct);

        /// <summary>
        /// How a column's value is read and handed to Npgsql. A property of the class itself (with no converter, or
        /// one whose model type is the property's) is read by a typed getter and written as its own type: a value
        /// handed over as an object is boxed, and Npgsql then resolves its converter again for every value (a push
        /// copies a dozen rows of a dozen columns per sale). Shadow and field-only properties are read as objects.
        /// </summary>
        private abstract class Access
        {
            public abstract Array Values(Column column, List<Row> rows);

            public abstract Task CopyAsync(Column column, NpgsqlBinaryImporter importer, Row row, CancellationToken ct);

            public abstract void Encode(Column column, Row row, PgCopyBuffer buffer);

            public static Access For(IProperty property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter)
            {
                if (property.PropertyInfo is not { GetMethod: { IsStatic: false } getter } info || info.PropertyType != property.ClrType
                    || (converter is not null && converter.ModelClrType != property.ClrType))
                    return new Boxed(property, property.IsShadowProperty() ? null : property.GetGetter(), converter);
                var stored = converter?.ProviderClrType ?? property.ClrType;
                var typed = typeof(Typed<,,>).MakeGenericType(info.DeclaringType!, property.ClrType, stored);
                var convert = converter is null ? null : ToProvider(converter, property.ClrType, stored);
                return (Access)Activator.CreateInstance(typed, getter, convert)!;
            }

            private static Delegate ToProvider(Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter converter, Type model, Type provider)
            {
                var value = System.Linq.Expressions.Expression.Parameter(model, "value");
                var body = System.Linq.Expressions.Expression.Invoke(converter.ConvertToProviderExpression, value);
                return System.Linq.Expressions.Expression.Lambda(typeof(Func<,>).MakeGenericType(model, provider), body, value).Compile();
            }
        }

        private sealed class Typed<TEntity, TModel, TValue>(System.Reflection.MethodInfo getter, Func<TModel, TValue>? convert) : Access
            where TEntity : class
        {
            private readonly Func<TEntity, TModel> _get = getter.CreateDelegate<Func<TEntity, TModel>>();

            private TValue Get(Row row)
            {
                var value = _get((TEntity)row.Entity);
                // Without a converter TModel is TValue (decided when this is compiled for the two types).
                return convert is null ? Unsafe.As<TModel, TValue>(ref value) : value is null ? default! : convert(value);
            }

            public override Array Values(Column column, List<Row> rows)
            {
                var values = new TValue[rows.Count];
                for (var i = 0; i < values.Length; i++) values[i] = Get(rows[i]);
                return values;
            }

            public override void Encode(Column column, Row row, PgCopyBuffer buffer) => buffer.Write(Get(row));

            public override Task CopyAsync(Column column, NpgsqlBinaryImporter importer, Row row, CancellationToken ct) => column.WriteAsync(importer, Get(row), ct);
        }

        /// <summary>A shadow or field-only property (or a converter for a nullable model): read as an object, converted as Entity Framework does.</summary>
        private sealed class Boxed(IProperty property, IClrPropertyGetter? getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter) : Access
        {
            // An element is nullable: the array may hold nulls.
            private readonly Type _element = (converter?.ProviderClrType ?? property.ClrType) is var clr && Nullable.GetUnderlyingType(clr) is null && clr.IsValueType
                ? typeof(Nullable<>).MakeGenericType(clr) : clr;

            public override Array Values(Column column, List<Row> rows)
            {
                var values = Array.CreateInstance(_element, rows.Count);
                for (var i = 0; i < rows.Count; i++) values.SetValue(Written(rows[i]), i);
                return values;
            }

            public override void Encode(Column column, Row row, PgCopyBuffer buffer) => buffer.Value(Written(row));

            public override Task CopyAsync(Column column, NpgsqlBinaryImporter importer, Row row, CancellationToken ct) => column.WriteAsync(importer, Written(row), ct);

            /// <summary>The row's value as the database takes it (through the property's converter).</summary>
            private object? Written(Row row)
            {
                var value = getter is not null ? getter.GetClrValueUsingContainingEntity(row.Entity)
                    : row.Entry is { } entry ? entry.Property(property.Name).CurrentValue
                    : throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property: an untracked row cannot be copied.");
                return value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, List<Column>> ColumnsByType = new();

    /// <summary>
    /// The columns an insert writes: every mapped property except values the database generates
    /// (a change-log row's sequence comes from its trigger). Store types lose their facets
    /// (<c>numeric(18,4)</c> is written as <c>numeric</c>).
    /// </summary>
    private static List<Column> Columns(IEntityType type, StoreObjectIdentifier table) => ColumnsByType.GetOrAdd(type, _ =>
        [.. type.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && !(p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && p.IsKey() && p.ClrType == typeof(long)))
            .Select(p =>
            {
                var storeType = p.GetColumnType(table);
                var facets = storeType.IndexOf('(', StringComparison.Ordinal);
                return new Column(p, p.GetColumnName(table)!, facets < 0 ? storeType : storeType[..facets], p.GetTypeMapping().Converter);
            })]);
}
