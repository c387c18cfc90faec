namespace Till.Sdk.Internal;

/// <summary>
/// The local store's tables. Version in <c>PRAGMA user_version</c>; <see cref="Upgrades"/> brings an older store up to it.
/// A mirrored row (<c>entities</c>) keeps the server's JSON in <c>server_data</c> (null for a row created on this device)
/// and, only while local edits wait in the outbox, what the device shows in <c>local_data</c>; the device shows
/// <c>coalesce(local_data, server_data)</c> (<see cref="ShownData"/>).
/// </summary>
internal static class StoreSchema
{
    public const int Version = 2;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS entities (
            entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, server_data TEXT, local_data TEXT,
            PRIMARY KEY (entity, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS products (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sku TEXT NOT NULL, name TEXT NOT NULL,
            price TEXT NOT NULL, tax_rate TEXT NOT NULL, category_id TEXT, is_active INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_products_sku ON products (sku);
        CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5 (name, sku, tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE IF NOT EXISTS barcodes (id TEXT PRIMARY KEY, code TEXT NOT NULL, product_id TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_barcodes_code ON barcodes (code);
        CREATE TABLE IF NOT EXISTS branch_prices (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, price TEXT, is_available INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_branch_prices_product ON branch_prices (product_id);
        CREATE TABLE IF NOT EXISTS stock_levels (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, warehouse_id TEXT NOT NULL, quantity TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_stock_levels_item ON stock_levels (product_id, warehouse_id);
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL,
            base_version INTEGER, entity TEXT, entity_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
        CREATE INDEX IF NOT EXISTS ix_outbox_entity ON outbox (entity, entity_id);
        CREATE TABLE IF NOT EXISTS pending_stock (seq INTEGER NOT NULL, product_id TEXT NOT NULL, warehouse_id TEXT NOT NULL, delta TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_pending_stock_item ON pending_stock (product_id, warehouse_id);
        CREATE INDEX IF NOT EXISTS ix_pending_stock_seq ON pending_stock (seq);
        CREATE TABLE IF NOT EXISTS sync_issues (
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL,
            base_version INTEGER, status TEXT NOT NULL, reason TEXT, server_version INTEGER, server_data TEXT,
            recorded_at TEXT NOT NULL, dismissed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS orders (
            id TEXT PRIMARY KEY, number TEXT UNIQUE, shift_id TEXT, status TEXT NOT NULL,
            grand_total TEXT NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_orders_shift ON orders (shift_id);
        CREATE TABLE IF NOT EXISTS shifts (id TEXT PRIMARY KEY, status TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cash_movements (
            id TEXT PRIMARY KEY, shift_id TEXT NOT NULL, kind TEXT NOT NULL, amount TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_cash_movements_shift ON cash_movements (shift_id);
        """;

    /// <summary>The JSON the device shows for a mirrored row.</summary>
    public const string ShownData = "coalesce(local_data, server_data)";

    /// <summary>What takes a store from version <c>key - 1</c> to version <c>key</c>, in one transaction each.</summary>
    public static readonly IReadOnlyDictionary<int, string> Upgrades = new Dictionary<int, string>
    {
        // Version 1 kept every row's JSON twice (data and server_data) even without a local edit: half of a bootstrap's bytes.
        [2] = """
            CREATE TABLE entities_v2 (
                entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, server_data TEXT, local_data TEXT,
                PRIMARY KEY (entity, id)) WITHOUT ROWID;
            INSERT INTO entities_v2 (entity, id, version, server_data, local_data)
                SELECT entity, id, version, server_data, CASE WHEN server_data IS NULL OR data <> server_data THEN data END FROM entities;
            DROP TABLE entities;
            ALTER TABLE entities_v2 RENAME TO entities;
            """,
    };
}
