#!/usr/bin/env bash
# Starts the dashboard (Release) against a throwaway PostgreSQL and posts N signed webhooks (default 20,000) from
# concurrent senders: prints accepted events/s for a verify-only endpoint and for verify + durable store, their ratio,
# and database checks that nothing was lost, stored twice or applied twice. Finch's webhooks to /webhooks/finch, or with
# --stripe Stripe's financial_connections.account.* events to /webhooks/stripe. With --telemetry the dashboard exports
# OpenTelemetry traces and metrics over OTLP to a local stand-in collector (scripts/benchmark-telemetry.sh), as a
# deployment with OTEL_EXPORTER_OTLP_ENDPOINT does, and what reached it is printed: run with and without to see the cost.
# Usage: ./benchmark-webhooks.sh [--telemetry] [--stripe] [events] [senders]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/benchmark-telemetry.sh

telemetry=false
if [[ "${1:-}" == "--telemetry" ]]; then
    telemetry=true
    shift
fi
provider=()
if [[ "${1:-}" == "--stripe" ]]; then
    provider=(--stripe)
    shift
fi
events="${1:-20000}"
# A stored delivery is answered only after its row's commit is flushed to disk, so throughput grows with the deliveries
# in flight (commits group); verify-only is CPU-bound either way. Finch delivers concurrently; 32 shows the floor.
senders="${2:-128}"
postgres_throwaway finch-dashboard-webhook-benchmark

dotnet build src/Dashboard -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build tools/WebhookBenchmark -c Release -nologo -v quiet -clp:ErrorsOnly
# fsync stays on: "durably stored" means what it says.
postgres_start "$work_dir/postgres" "$postgres_port"
postgres_create_database "$postgres_port" webhooks
connection_string="Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=webhooks"

if $telemetry; then
    benchmark_telemetry_on "$work_dir"
    # The benchmark tool starts the dashboard (and the verify-only baseline) with its own environment.
    export "${telemetry_settings[@]}"
fi

# A missed target still prints what reached the collector: that is what says the run measured telemetry at all.
status=0
dotnet tools/WebhookBenchmark/bin/Release/net10.0/FinchDashboard.WebhookBenchmark.dll "${provider[@]}" "$connection_string" \
    src/Dashboard/bin/Release/net10.0/FinchDashboard.Dashboard.dll "$events" "$senders" || status=$?

if $telemetry; then
    benchmark_telemetry_report
fi
exit "$status"
