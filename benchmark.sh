#!/usr/bin/env bash
# Loads N connections (default 100,000) into a throwaway PostgreSQL and prints the list and export figures
# against hand-written SQL and psql's \copy. Usage: ./benchmark.sh [connections]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

connections="${1:-100000}"
work_dir="$(mktemp -d /tmp/finch-dashboard-benchmark.XXXXXX)"
chmod 755 "$work_dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cleanup() {
    postgres_stop "$work_dir/postgres"
    rm -rf "$work_dir"
}
trap cleanup EXIT INT TERM

dotnet build tools/Benchmark -c Release -nologo -v quiet
POSTGRES_FSYNC=off postgres_start "$work_dir/postgres" "$port"
postgres_create_database "$port" benchmark
connection_string="Host=127.0.0.1;Port=$port;Username=postgres;Database=benchmark"

dotnet tools/Benchmark/bin/Release/net10.0/FinchDashboard.Benchmark.dll load "$connection_string" "$connections"
dotnet tools/Benchmark/bin/Release/net10.0/FinchDashboard.Benchmark.dll run "$connection_string"
