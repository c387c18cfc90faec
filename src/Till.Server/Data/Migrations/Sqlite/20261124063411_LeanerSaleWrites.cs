using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeanerSaleWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_order_payments_tenant_id",
                table: "order_payments");

            migrationBuilder.DropIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines");

            migrationBuilder.DropIndex(
                name: "ix_order_lines_tenant_id",
                table: "order_lines");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_order_payments_tenant_id",
                table: "order_payments",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_tenant_id",
                table: "order_lines",
                column: "tenant_id");
        }
    }
}
