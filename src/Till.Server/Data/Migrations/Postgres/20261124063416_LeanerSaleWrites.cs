using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanerSaleWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand (the model keeps these relationships; OrderConfiguration says why): on PostgreSQL an
            // order's lines and payments are not checked against their order by the database. Every check locked
            // the order the same transaction had just inserted (one more WAL record per line) through a trigger.
            migrationBuilder.DropForeignKey(
                name: "fk_order_lines_orders_order_id",
                table: "order_lines");
            migrationBuilder.DropForeignKey(
                name: "fk_order_payments_orders_order_id",
                table: "order_payments");

            migrationBuilder.DropIndex(
                name: "ix_order_payments_tenant_id",
                table: "order_payments");

            migrationBuilder.DropIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines");

            migrationBuilder.DropIndex(
                name: "ix_order_lines_tenant_id",
                table: "order_lines");

            migrationBuilder.AlterColumn<string>(
                name: "old_values",
                table: "audit_logs",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true)
                .Annotation("Npgsql:Compression:", "lz4");

            migrationBuilder.AlterColumn<string>(
                name: "new_values",
                table: "audit_logs",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true)
                .Annotation("Npgsql:Compression:", "lz4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_order_lines_orders_order_id",
                table: "order_lines",
                column: "order_id",
                principalTable: "orders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(
                name: "fk_order_payments_orders_order_id",
                table: "order_payments",
                column: "order_id",
                principalTable: "orders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AlterColumn<string>(
                name: "old_values",
                table: "audit_logs",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true)
                .OldAnnotation("Npgsql:Compression:", "lz4");

            migrationBuilder.AlterColumn<string>(
                name: "new_values",
                table: "audit_logs",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true)
                .OldAnnotation("Npgsql:Compression:", "lz4");

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
