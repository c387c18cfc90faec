#!/usr/bin/env bash
# Adds a migration for both providers: ./scripts/add-migration.sh AddOrders
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build src/Till.Server -v q -nologo >/dev/null
dotnet ef migrations add "$name" --no-build --project src/Till.Server --context SqliteTillDbContext --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --no-build --project src/Till.Server --context PostgresTillDbContext --output-dir Data/Migrations/Postgres
