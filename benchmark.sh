#!/usr/bin/env bash
# Loads N connections (default 100,000) into a throwaway PostgreSQL and prints the list and export figures
# against hand-written SQL and psql's \copy. Usage: ./benchmark.sh [connections]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

connections="${1:-100000}"
postgres_throwaway finch-dashboard-benchmark

dotnet build tools/Benchmark -c Release -nologo -v quiet
POSTGRES_FSYNC=off postgres_start "$work_dir/postgres" "$postgres_port"
postgres_create_database "$postgres_port" benchmark
connection_string="Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=benchmark"

dotnet tools/Benchmark/bin/Release/net10.0/FinchDashboard.Benchmark.dll load "$connection_string" "$connections"
dotnet tools/Benchmark/bin/Release/net10.0/FinchDashboard.Benchmark.dll run "$connection_string"
