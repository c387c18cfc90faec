using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sync_logs_tenant_id",
                table: "sync_logs");

            migrationBuilder.DropIndex(
                name: "ix_sync_floors_tenant_id",
                table: "sync_floors");

            migrationBuilder.DropIndex(
                name: "ix_sync_conflicts_tenant_id",
                table: "sync_conflicts");

            migrationBuilder.DropIndex(
                name: "ix_stock_movements_tenant_id",
                table: "stock_movements");

            migrationBuilder.DropIndex(
                name: "ix_stock_levels_tenant_id",
                table: "stock_levels");

            migrationBuilder.DropIndex(
                name: "ix_shifts_tenant_id",
                table: "shifts");

            migrationBuilder.DropIndex(
                name: "ix_purchases_tenant_id",
                table: "purchases");

            migrationBuilder.DropIndex(
                name: "ix_products_tenant_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_orders_tenant_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_order_number_series_tenant_id",
                table: "order_number_series");

            migrationBuilder.DropIndex(
                name: "ix_idempotent_requests_tenant_id",
                table: "idempotent_requests");

            migrationBuilder.DropIndex(
                name: "ix_expenses_tenant_id",
                table: "expenses");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_change_log_tenant_id",
                table: "change_log");

            migrationBuilder.DropIndex(
                name: "ix_audit_logs_tenant_id",
                table: "audit_logs");

            migrationBuilder.DropIndex(
                name: "ix_activities_tenant_id",
                table: "activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_sync_logs_tenant_id",
                table: "sync_logs",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_sync_floors_tenant_id",
                table: "sync_floors",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_sync_conflicts_tenant_id",
                table: "sync_conflicts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_tenant_id",
                table: "stock_movements",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_levels_tenant_id",
                table: "stock_levels",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_shifts_tenant_id",
                table: "shifts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_tenant_id",
                table: "purchases",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_id",
                table: "products",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id",
                table: "orders",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_number_series_tenant_id",
                table: "order_number_series",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_idempotent_requests_tenant_id",
                table: "idempotent_requests",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_expenses_tenant_id",
                table: "expenses",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id",
                table: "customers",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_change_log_tenant_id",
                table: "change_log",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_logs_tenant_id",
                table: "audit_logs",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id",
                table: "activities",
                column: "tenant_id");
        }
    }
}
