using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeanerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_shift_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_table_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_order_payments_shift_id",
                table: "order_payments");

            migrationBuilder.DropIndex(
                name: "ix_applied_mutations_tenant_id",
                table: "applied_mutations");

            migrationBuilder.CreateIndex(
                name: "ix_orders_shift_id",
                table: "orders",
                column: "shift_id",
                filter: "shift_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_orders_table_id",
                table: "orders",
                column: "table_id",
                filter: "table_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_order_payments_shift_id",
                table: "order_payments",
                column: "shift_id",
                filter: "shift_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_shift_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_table_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_order_payments_shift_id",
                table: "order_payments");

            migrationBuilder.CreateIndex(
                name: "ix_orders_shift_id",
                table: "orders",
                column: "shift_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_table_id",
                table: "orders",
                column: "table_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_payments_shift_id",
                table: "order_payments",
                column: "shift_id");

            migrationBuilder.CreateIndex(
                name: "ix_applied_mutations_tenant_id",
                table: "applied_mutations",
                column: "tenant_id");
        }
    }
}
