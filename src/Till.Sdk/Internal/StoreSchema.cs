namespace Till.Sdk.Internal;

/// <summary>The local store's tables. Version in <c>PRAGMA user_version</c>.</summary>
internal static class StoreSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS entities (
            entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, server_data TEXT,
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
}
