#!/usr/bin/env bash
# Runs the dashboard locally: PostgreSQL in .data/ (kept between runs), migrations, demo data, the FinchSandbox and
# StripeSandbox emulators standing in for Finch and Stripe, and the dashboard. Ctrl-C stops everything this script started.
# ./run.sh create-admin --email … [--name …] [--password-stdin] creates an admin in that database instead, and stops.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

DASHBOARD_URL="${DASHBOARD_URL:-http://127.0.0.1:5080}"
FINCH_SANDBOX_URL="${FINCH_SANDBOX_URL:-http://127.0.0.1:5180}"
STRIPE_SANDBOX_URL="${STRIPE_SANDBOX_URL:-http://127.0.0.1:5190}"
POSTGRES_PORT="${POSTGRES_PORT:-55432}"
DATA_DIR=".data/postgres"

cleanup() {
    trap - EXIT INT TERM
    for pid in ${dashboard_pid:-} ${sandbox_pid:-} ${stripe_sandbox_pid:-}; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    postgres_stop "$DATA_DIR"
    echo "Stopped."
}
trap cleanup EXIT INT TERM

echo "Building…"
dotnet build src/Dashboard -c Release -nologo -v quiet
dotnet build src/FinchSandbox -c Release -nologo -v quiet
dotnet build src/StripeSandbox -c Release -nologo -v quiet

postgres_start "$DATA_DIR" "$POSTGRES_PORT"
postgres_create_database "$POSTGRES_PORT" finch_dashboard

# One set of sandbox credentials for both sides, so the dashboard's calls and webhook checks match the emulator's.
finch_client_id="sandbox-client-id"
finch_client_secret="sandbox-client-secret"
finch_webhook_secret="ZmluY2gtc2FuZGJveC13ZWJob29rLXNlY3JldC0zMmIh"
# The Stripe emulator's published development key and signing secret, as both sides' appsettings.Development.json have them.
stripe_secret_key="sk_test_stripe_sandbox_development_key"
stripe_webhook_secret="whsec_stripe_sandbox_development_secret"

export ASPNETCORE_ENVIRONMENT=Development

if [ "${1:-}" = "create-admin" ]; then
    status=0
    ConnectionStrings__Dashboard="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=finch_dashboard" \
        dotnet run --project src/Dashboard -c Release --no-build --no-launch-profile -- "$@" || status=$?
    exit "$status"
fi

# wait_until_up NAME PID URL [curl options]: waits for a 2xx answer; exits if the process died first.
wait_until_up() {
    local name="$1" pid="$2" url="$3"
    shift 3
    for _ in $(seq 1 120); do
        if curl -fs "$@" "$url" >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "The $name exited during start-up; see the log above." >&2
            exit 1
        fi
        sleep 1
    done
    echo "The $name did not answer at $url within 120 s." >&2
    exit 1
}

# The emulator's Warning-level log keeps its webhook retries from drowning the dashboard's output.
ASPNETCORE_URLS="$FINCH_SANDBOX_URL" \
FinchSandbox__ClientId="$finch_client_id" \
FinchSandbox__ClientSecret="$finch_client_secret" \
FinchSandbox__WebhookSecret="$finch_webhook_secret" \
FinchSandbox__WebhookUrl="$DASHBOARD_URL/webhooks/finch" \
Logging__LogLevel__Default=Warning \
    dotnet run --project src/FinchSandbox -c Release --no-build --no-launch-profile &
sandbox_pid=$!
wait_until_up "Finch emulator" "$sandbox_pid" "$FINCH_SANDBOX_URL/providers" -u "$finch_client_id:$finch_client_secret"

ASPNETCORE_URLS="$STRIPE_SANDBOX_URL" \
StripeSandbox__SecretKey="$stripe_secret_key" \
StripeSandbox__WebhookSecret="$stripe_webhook_secret" \
StripeSandbox__WebhookUrl="$DASHBOARD_URL/webhooks/stripe" \
Logging__LogLevel__Default=Warning \
    dotnet run --project src/StripeSandbox -c Release --no-build --no-launch-profile &
stripe_sandbox_pid=$!
wait_until_up "Stripe emulator" "$stripe_sandbox_pid" "$STRIPE_SANDBOX_URL/v1/customers" -u "$stripe_secret_key:"

export ConnectionStrings__Dashboard="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=finch_dashboard"
export ASPNETCORE_URLS="$DASHBOARD_URL"
export Finch__BaseUrl="$FINCH_SANDBOX_URL"
export Finch__ClientId="$finch_client_id"
export Finch__ClientSecret="$finch_client_secret"
export Finch__WebhookSecrets="$finch_webhook_secret"
export Stripe__ApiBase="$STRIPE_SANDBOX_URL"
export Stripe__SecretKey="$stripe_secret_key"
export Stripe__WebhookSecrets="$stripe_webhook_secret"

dotnet run --project src/Dashboard -c Release --no-build --no-launch-profile &
dashboard_pid=$!
wait_until_up "dashboard" "$dashboard_pid" "$DASHBOARD_URL/healthz"

cat <<INFO

  FinchDashboard is running at $DASHBOARD_URL
  Finch emulator (FinchSandbox) at $FINCH_SANDBOX_URL
  Stripe emulator (StripeSandbox) at $STRIPE_SANDBOX_URL

  Demo sign-ins (password: Finch-Demo-2026)
    admin@demo.local      Admin
    manager@demo.local    Account manager (Acme, Globex, Initech)
    support@demo.local    Support
    employer@demo.local   Employer admin (Acme Manufacturing)
    peo@demo.local        Employer admin of a PEO (Umbrella Health, Stark Logistics)

  Press Ctrl-C to stop.

INFO
wait "$dashboard_pid"
