#!/usr/bin/env bash
# Benchmark: `paas billing:run` over 100,000 app-hours (10,000 apps × 10 hours, 1,000 organizations)
# on a throwaway PostgreSQL, against the floor measured in the same run: the same number of
# billing-record rows written by one INSERT … SELECT inside the database.
#
#   scripts/bench/billing.sh                 release build of paas (built once, then cached)
#   BENCH_BUILD=debug scripts/bench/billing.sh
#   BENCH_APPS=10000 BENCH_HOURS=10 BENCH_ORGS=1000 (defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/postgres.sh
source scripts/lib/postgres.sh

APPS="${BENCH_APPS:-10000}"
HOURS="${BENCH_HOURS:-10}"
ORGS="${BENCH_ORGS:-1000}"
BUILD="${BENCH_BUILD:-release}"

run_dir_init
install_exit_trap
if [[ "$BUILD" == release ]]; then
    SCRATCH="${BENCH_SCRATCH:-/tmp/paas-release-build}"
    log "building paas (release, scratch $SCRATCH)"
    swift build -c release --product paas --scratch-path "$SCRATCH" >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; die "release build failed"; }
    PAAS="$SCRATCH/release/paas"
else
    swift build --product paas >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; die "build failed"; }
    PAAS=".build/debug/paas"
fi

pg_start
pg_createdb bench
export DATABASE_URL
DATABASE_URL="$(pg_url bench)"
export PAAS_DATA_DIR="$RUN_DIR/data" PAAS_SECRET_KEY="bench-secret-key" DOCKER_HOST="tcp://127.0.0.1:1" LOG_LEVEL=warning
mkdir -p "$PAAS_DATA_DIR"
"$PAAS" migrate >/dev/null

# Usage starts on the hour, HOURS + 1 hours ago; the run charges the first HOURS of them.
START="$(python3 -c 'import time; print(int(time.time()) // 3600 * 3600 - ('"$HOURS"' + 1) * 3600)')"
UNTIL="$(python3 -c 'import datetime; print(datetime.datetime.fromtimestamp('"$START"' + '"$HOURS"' * 3600, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
log "generating $ORGS organizations, $APPS apps, usage from $(date -u -d "@$START" +%FT%TZ)"
pg_psql -d bench -v ON_ERROR_STOP=1 -q <<SQL
INSERT INTO paas_locations (id, name, slug, country, is_active) VALUES ('00000000-0000-0000-0000-0000000000a1', 'Bench', 'bench', 'DE', true);
INSERT INTO paas_plans (id, name, cpu_millis, memory_mb, storage_mb, max_containers, price_per_hour, monthly_price, autoscaling_allowed, log_retention_days, is_archived, sort_order)
  VALUES ('00000000-0000-0000-0000-0000000000b1', 'Bench', 250, 256, 0, 10, 6849, 5000000, false, 7, false, 0);
CREATE TABLE bench_orgs AS SELECT gen_random_uuid() AS id, g AS n FROM generate_series(1, $ORGS) g;
INSERT INTO organizations (id, name, slug) SELECT id, 'Bench ' || n, 'bench-' || n FROM bench_orgs;
INSERT INTO wallets (id, organization_id, balance, currency, low_balance_threshold) SELECT gen_random_uuid(), id, 1000000000, 'USD', 1000000 FROM bench_orgs;
INSERT INTO wallet_transactions (id, wallet_id, organization_id, kind, amount, balance_after, description, idempotency_key, created_at)
  SELECT gen_random_uuid(), w.id, w.organization_id, 'credit', 1000000000, 1000000000, 'Opening credit', 'open-' || w.organization_id, now() FROM wallets w;
CREATE TABLE bench_apps AS SELECT gen_random_uuid() AS id, o.id AS org, g AS n FROM generate_series(1, $APPS) g JOIN bench_orgs o ON o.n = (g % $ORGS) + 1;
INSERT INTO paas_applications (id, organization_id, name, plan_id, location_id, status, deploy_branch, formation)
  SELECT id, org, 'bench-' || n, '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', 'running', 'main', '{"web":2}' FROM bench_apps;
INSERT INTO paas_usage_segments (id, organization_id, application_id, resource_type, resource_id, process_type, quantity, plan_id, location_id, price_per_hour, monthly_cap, started_at)
  SELECT gen_random_uuid(), org, id, 'app_process', id, 'web', 2, '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', 6849, 5000000, to_timestamp($START) FROM bench_apps;
ANALYZE;
SQL

APP_HOURS=$((APPS * HOURS))
# The floor: the same rows, with the same unique index, written by the database alone.
FLOOR_MS="$(pg_psql -d bench -qAt -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE bench_floor (LIKE paas_billing_records INCLUDING ALL);
\\timing on
INSERT INTO bench_floor (id, organization_id, application_id, resource_type, resource_id, hour_start, seconds, amount, description, plan_id, location_id, lines, created_at)
  SELECT gen_random_uuid(), a.org, a.id, 'app_process', a.id, to_timestamp($START + h * 3600), 7200, 13698, 'bench-' || a.n || ': web 120 container-min',
         '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', '[]', now()
  FROM bench_apps a CROSS JOIN generate_series(0, $HOURS - 1) h;
SQL
)"
FLOOR_MS="$(printf '%s\n' "$FLOOR_MS" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)"

log "billing:run --until $UNTIL ($APP_HOURS app-hours)"
T0="$(now_ns)"
${BENCH_WRAP:-} "$PAAS" billing:run --until "$UNTIL" | tee "$RUN_DIR/logs/billing.log"
T1="$(now_ns)"

RECORDS="$(pg_psql -d bench -qAt -c "SELECT COUNT(*) FROM paas_billing_records")"
DEBITS="$(pg_psql -d bench -qAt -c "SELECT COUNT(*) FROM wallet_transactions WHERE kind = 'debit'")"
UNBALANCED="$(pg_psql -d bench -qAt -c "SELECT COUNT(*) FROM wallets w LEFT JOIN (SELECT wallet_id, SUM(CASE WHEN kind = 'credit' THEN amount ELSE -amount END) AS t FROM wallet_transactions GROUP BY wallet_id) s ON s.wallet_id = w.id WHERE w.balance <> COALESCE(s.t, 0)")"
[[ "$RECORDS" == "$APP_HOURS" ]] || die "expected $APP_HOURS billing records, found $RECORDS"
[[ "$DEBITS" == "$((ORGS * HOURS))" ]] || die "expected $((ORGS * HOURS)) debits, found $DEBITS"
[[ "$UNBALANCED" == 0 ]] || die "$UNBALANCED wallets do not equal the sum of their transactions"

python3 - "$T0" "$T1" "$FLOOR_MS" "$APP_HOURS" "$BUILD" <<'PY'
import sys
t0, t1, floor_ms, rows, build = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
seconds = (t1 - t0) / 1e9
floor = floor_ms / 1000
print(f"billing:run ({build} build, PostgreSQL): {rows} app-hours in {seconds:.2f} s = {rows / seconds:,.0f} rows/s (goal: <= 5 s)")
print(f"floor (one INSERT ... SELECT of the same rows): {floor:.2f} s = {rows / floor:,.0f} rows/s")
print(f"ratio billing:run / floor: {seconds / floor:.1f}x")
PY
_SUMMARY_PRINTED=1
