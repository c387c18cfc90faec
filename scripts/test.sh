#!/usr/bin/env bash
# Runs Till's whole test suite. Installs and starts what the tests need when it is missing:
# a throwaway PostgreSQL and Redis (Debian packages) on private ports, and Chromium for UI tests.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=${TILL_TEST_STATE:-/tmp/till-test-services}
pg_port=${TILL_TEST_PG_PORT:-55432}
mkdir -p "$state"

need_packages=()
pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true); }
find_pg
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_packages+=(postgresql)
command -v redis-server >/dev/null || need_packages+=(redis-server)

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing ${need_packages[*]}; install them (apt-get install ${need_packages[*]}) or run as root." >&2
    exit 1
  fi
  echo "Installing ${need_packages[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  find_pg
fi

# PostgreSQL: a private cluster on port $pg_port (55432), unless TILL_TEST_POSTGRES points at a server already.
if [ -z "${TILL_TEST_POSTGRES:-}" ]; then
  pgdata="$state/pg"
  pgrun() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
    if [ ! -f "$pgdata/PG_VERSION" ]; then
      mkdir -p "$pgdata"
      [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$state"
      pgrun "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$state"
    pgrun "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start \
      -o "-p $pg_port -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  fi
  export TILL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres"
fi

# Redis: a private server on port 56379, unless TILL_TEST_REDIS is set.
if [ -z "${TILL_TEST_REDIS:-}" ]; then
  if ! redis-cli -p 56379 ping >/dev/null 2>&1; then
    redis-server --port 56379 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$state/redis.log" >/dev/null
    for _ in $(seq 1 50); do redis-cli -p 56379 ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  export TILL_TEST_REDIS="127.0.0.1:56379"
fi

results="$root/.tmp/test-results"
rm -rf "$results"
mkdir -p "$results"

# In CI the test projects run one after another: the 300-seed simulation would otherwise load the
# two cores while the real-time tests assert one-second deliveries.
parallel=()
[ "${CI:-}" = "true" ] && parallel=(-m:1)

set +e
dotnet test Till.slnx "${parallel[@]}" --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

# One summary line over every test project: "N passed, N failed, N skipped".
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed))); skipped=$((skipped + $(get notExecuted)))
done
echo
echo "$passed passed, $failed failed, $skipped skipped"

if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "CI=true: $skipped test(s) were skipped; every test must run." >&2
  exit 1
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit $status
