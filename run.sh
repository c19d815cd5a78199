#!/usr/bin/env bash
# Runs the dashboard locally: PostgreSQL in .data/ (kept between runs), migrations, demo data, the dashboard.
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

DASHBOARD_URL="${DASHBOARD_URL:-http://127.0.0.1:5080}"
POSTGRES_PORT="${POSTGRES_PORT:-55432}"
DATA_DIR=".data/postgres"

cleanup() {
    trap - EXIT INT TERM
    if [ -n "${dashboard_pid:-}" ]; then
        kill "$dashboard_pid" 2>/dev/null || true
        wait "$dashboard_pid" 2>/dev/null || true
    fi
    postgres_stop "$DATA_DIR"
    echo "Stopped."
}
trap cleanup EXIT INT TERM

echo "Building…"
dotnet build src/Dashboard -c Release -nologo -v quiet

postgres_start "$DATA_DIR" "$POSTGRES_PORT"
postgres_create_database "$POSTGRES_PORT" finch_dashboard

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Dashboard="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=finch_dashboard"
export ASPNETCORE_URLS="$DASHBOARD_URL"

dotnet run --project src/Dashboard -c Release --no-build --no-launch-profile &
dashboard_pid=$!

for _ in $(seq 1 120); do
    if curl -fs "$DASHBOARD_URL/healthz" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$dashboard_pid" 2>/dev/null; then
        echo "The dashboard exited during start-up; see the log above." >&2
        exit 1
    fi
    sleep 1
done

cat <<INFO

  FinchDashboard is running at $DASHBOARD_URL

  Demo sign-ins (password: Finch-Demo-2026)
    admin@demo.local      Admin
    manager@demo.local    Account manager (Acme, Globex, Initech)
    support@demo.local    Support
    employer@demo.local   Employer admin (Acme Manufacturing)
    peo@demo.local        Employer admin of a PEO (Umbrella Health, Stark Logistics)

  Press Ctrl-C to stop.

INFO
wait "$dashboard_pid"
