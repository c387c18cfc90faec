using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropLedgerForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_orders_branches_branch_id",
                table: "orders");

            migrationBuilder.DropForeignKey(
                name: "fk_stock_movements_products_product_id",
                table: "stock_movements");

            migrationBuilder.DropForeignKey(
                name: "fk_stock_movements_warehouses_warehouse_id",
                table: "stock_movements");

            migrationBuilder.DropIndex(
                name: "ix_stock_movements_product_id",
                table: "stock_movements");

            migrationBuilder.DropIndex(
                name: "ix_orders_branch_id",
                table: "orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_product_id",
                table: "stock_movements",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_branch_id",
                table: "orders",
                column: "branch_id");

            migrationBuilder.AddForeignKey(
                name: "fk_orders_branches_branch_id",
                table: "orders",
                column: "branch_id",
                principalTable: "branches",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_stock_movements_products_product_id",
                table: "stock_movements",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_stock_movements_warehouses_warehouse_id",
                table: "stock_movements",
                column: "warehouse_id",
                principalTable: "warehouses",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
