using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Till.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "licenses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    plan = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    seats = table.Column<int>(type: "integer", nullable: false),
                    features = table.Column<List<string>>(type: "text[]", nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    issued_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    seats_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expiring_alerted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expired_alerted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    seat_limit_alerted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    is_deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licenses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "license_activations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    license_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    activated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_verified_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deactivated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    activated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deactivated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    is_deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_license_activations", x => x.id);
                    table.ForeignKey(
                        name: "fk_license_activations_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_license_activations_licenses_license_id",
                        column: x => x.license_id,
                        principalTable: "licenses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_license_activations_device_id",
                table: "license_activations",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "ix_license_activations_license_id_deactivated_at",
                table: "license_activations",
                columns: new[] { "license_id", "deactivated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_license_activations_tenant_id",
                table: "license_activations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_license_activations_tenant_id_device_id",
                table: "license_activations",
                columns: new[] { "tenant_id", "device_id" },
                unique: true,
                filter: "deactivated_at IS NULL AND is_deleted = false");

            migrationBuilder.CreateIndex(
                name: "ix_licenses_expires_at",
                table: "licenses",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_licenses_key",
                table: "licenses",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licenses_tenant_id",
                table: "licenses",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "license_activations");

            migrationBuilder.DropTable(
                name: "licenses");
        }
    }
}
