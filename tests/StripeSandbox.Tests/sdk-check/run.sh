#!/usr/bin/env bash
# Builds and starts the StripeSandbox emulator on a free loopback port, runs Stripe's official Node SDK against it
# (check.mjs), and stops the emulator again. Exit code is the check's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
project="$repo/src/StripeSandbox"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

api_port="$(free_port)"
webhook_port="$(free_port)"
while [ "$webhook_port" = "$api_port" ]; do webhook_port="$(free_port)"; done

export STRIPE_PORT="$api_port"
export STRIPE_SECRET_KEY="sk_test_sdk_check_0123456789abcdef"
export STRIPE_WEBHOOK_SECRET="whsec_sdk_check_signing_secret"
export WEBHOOK_PORT="$webhook_port"

configuration="${CONFIGURATION:-Release}"
echo "building emulator ($configuration)"
dotnet build "$project" -c "$configuration" --nologo -v quiet

log="$(mktemp)"
# Settings go in through environment variables; the app's Development defaults are not relied upon.
ASPNETCORE_ENVIRONMENT=Production \
StripeSandbox__SecretKey="$STRIPE_SECRET_KEY" \
StripeSandbox__WebhookSecret="$STRIPE_WEBHOOK_SECRET" \
StripeSandbox__WebhookUrl="http://127.0.0.1:$webhook_port/webhooks" \
StripeSandbox__RefreshDuration="00:00:00.200" \
  dotnet run --project "$project" -c "$configuration" --no-build --no-launch-profile -- --urls "http://127.0.0.1:$api_port" >"$log" 2>&1 &
emulator_pid=$!

stop_emulator() {
  kill "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  rm -f "$log"
}
trap stop_emulator EXIT

echo "waiting for emulator on http://127.0.0.1:$api_port"
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null -u "$STRIPE_SECRET_KEY:" "http://127.0.0.1:$api_port/v1/customers"; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then echo "emulator exited:"; cat "$log"; exit 1; fi
  sleep 0.5
done

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node check.mjs
