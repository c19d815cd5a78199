# Sourced by the benchmarks that can run with the dashboard's telemetry on (--telemetry).

# benchmark_telemetry_on WORK_DIR: starts a stand-in OTLP/HTTP collector (scripts/otlp-sink.py) and sets
# telemetry_settings to the OpenTelemetry variables a deployment would set to export its traces and metrics to it, as
# NAME=VALUE words for env or benchmark_dashboard_start. Metrics every 5 s rather than OpenTelemetry's default minute,
# so a run of seconds exports them too.
benchmark_telemetry_on() {
    telemetry_counts="$1/otlp-counts"
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    python3 scripts/otlp-sink.py "$port" "$telemetry_counts" &
    telemetry_settings=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
        OTEL_METRIC_EXPORT_INTERVAL=5000)
    echo "Telemetry on: OpenTelemetry exports over OTLP/HTTP to http://127.0.0.1:$port"
}

# benchmark_telemetry_report: prints what reached the collector, proof that the run measured telemetry really sent.
benchmark_telemetry_report() {
    echo "Received by the collector (signal, requests, bytes):"
    cat "$telemetry_counts" 2>/dev/null || echo "nothing"
}
