#!/usr/bin/env bash
# Loads N connections and N bank accounts (default 100,000 each) into a throwaway PostgreSQL and prints the list, bank
# accounts, waste and export figures against hand-written SQL and psql's \copy, then the browser figure: /connections
# to its first rows in Chromium, signed in as the demo Support user (who sees every connection and, unlike the admin,
# signs in without a second step). Usage: ./benchmark.sh [N]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

connections="${1:-100000}"
postgres_throwaway finch-dashboard-benchmark

dotnet build tools/Benchmark -c Release -nologo -v quiet
POSTGRES_FSYNC=off postgres_start "$work_dir/postgres" "$postgres_port"
postgres_create_database "$postgres_port" benchmark
connection_string="Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=benchmark"
benchmark="tools/Benchmark/bin/Release/net10.0/FinchDashboard.Benchmark.dll"

dotnet "$benchmark" load "$connection_string" "$connections"
status=0
dotnet "$benchmark" run "$connection_string" || status=1

# The dashboard as ./run.sh starts it (demo mode adds the demo sign-ins), with Finch unreachable and health checks
# off so nothing but the measured page loads works against the database.
dashboard_url="http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# It runs from its build folder, whose appsettings.Development.json holds the demo's sandbox credentials and keys.
(cd src/Dashboard/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$dashboard_url" \
    ConnectionStrings__Dashboard="$connection_string" HealthChecks__Enabled=false Finch__BaseUrl=http://127.0.0.1:9 Stripe__ApiBase=http://127.0.0.1:9 \
    Logging__LogLevel__Default=Warning exec dotnet FinchDashboard.Dashboard.dll) >"$work_dir/dashboard.log" 2>&1 &
dashboard_pid=$!
for _ in $(seq 1 120); do
    curl -fs "$dashboard_url/healthz" >/dev/null 2>&1 && break
    if ! kill -0 "$dashboard_pid" 2>/dev/null; then
        echo "The dashboard exited during start-up; its log follows:" >&2
        tail -n 30 "$work_dir/dashboard.log" >&2
        exit 1
    fi
    sleep 1
done
dotnet "$benchmark" page "$dashboard_url" support@demo.local Finch-Demo-2026 || status=1
kill "$dashboard_pid"
wait "$dashboard_pid" 2>/dev/null || true
exit "$status"
