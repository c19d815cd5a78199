# Sourced by the benchmarks that drive a running dashboard.

# benchmark_dashboard_start CONNECTION_STRING LOG [NAME=VALUE...]: starts the Release dashboard as ./run.sh does, in
# demo mode from its build folder (whose appsettings.Development.json holds the demo's sandbox credentials and keys,
# and which adds the demo data and sign-ins), with health checks off and Finch and Stripe on a closed port, so nothing
# but what a benchmark measures works against the database. NAME=VALUE adds settings. Sets dashboard_url and
# dashboard_pid; returns once the dashboard is ready, or exits with its log if it stopped first.
benchmark_dashboard_start() {
    local connection_string="$1" log="$2"
    shift 2
    dashboard_url="http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    (cd src/Dashboard/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$dashboard_url" \
        ConnectionStrings__Dashboard="$connection_string" HealthChecks__Enabled=false Finch__BaseUrl=http://127.0.0.1:9 \
        Stripe__ApiBase=http://127.0.0.1:9 Logging__LogLevel__Default=Warning "$@" dotnet FinchDashboard.Dashboard.dll) >"$log" 2>&1 &
    dashboard_pid=$!
    for _ in $(seq 1 120); do
        curl -fs "$dashboard_url/healthz/ready" >/dev/null 2>&1 && return 0
        if ! kill -0 "$dashboard_pid" 2>/dev/null; then
            echo "The dashboard exited during start-up; its log follows:" >&2
            tail -n 30 "$log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "The dashboard was not ready at $dashboard_url within 120 s; its log follows:" >&2
    tail -n 30 "$log" >&2
    exit 1
}
