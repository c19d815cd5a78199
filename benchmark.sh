#!/usr/bin/env bash
# Loads N connections and N bank accounts (default 100,000 each) into a throwaway PostgreSQL and prints the list, bank
# accounts, waste and export figures against hand-written SQL and psql's \copy, then the browser figure: /connections
# to its first rows in Chromium, signed in as the demo Support user (who sees every connection and, unlike the admin,
# signs in without a second step). With --telemetry the browser figure is taken four times, with the dashboard's
# OpenTelemetry traces and metrics off and exported to a stand-in collector in turn (scripts/benchmark-telemetry.sh).
# Usage: ./benchmark.sh [--telemetry] [N]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/benchmark-dashboard.sh
source scripts/benchmark-telemetry.sh

telemetry=false
if [[ "${1:-}" == "--telemetry" ]]; then
    telemetry=true
    shift
fi
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

# page_figure [NAME=VALUE...]: the browser figure against a dashboard started with these settings.
page_figure() {
    benchmark_dashboard_start "$connection_string" "$work_dir/dashboard.log" "$@"
    dotnet "$benchmark" page "$dashboard_url" support@demo.local Finch-Demo-2026 || status=1
    kill "$dashboard_pid"
    wait "$dashboard_pid" 2>/dev/null || true
}

if $telemetry; then
    # Off and on in turn, twice, on the same database: what telemetry costs, beside how much one start differs from the next.
    benchmark_telemetry_on "$work_dir"
    for _ in 1 2; do
        echo "Telemetry off:"
        page_figure
        echo "Telemetry on:"
        page_figure "${telemetry_settings[@]}"
    done
    benchmark_telemetry_report
else
    page_figure
fi
exit "$status"
