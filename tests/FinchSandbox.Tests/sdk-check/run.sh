#!/usr/bin/env bash
# Builds and starts the FinchSandbox emulator on a free loopback port, runs Finch's official Node SDK against it
# (check.mjs), and stops the emulator again. Exit code is the check's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
project="$repo/src/FinchSandbox"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

api_port="$(free_port)"
webhook_port="$(free_port)"
while [ "$webhook_port" = "$api_port" ]; do webhook_port="$(free_port)"; done

export FINCH_BASE_URL="http://127.0.0.1:$api_port"
export FINCH_CLIENT_ID="sdk-check-client"
export FINCH_CLIENT_SECRET="sdk-check-secret"
export FINCH_WEBHOOK_SECRET="c2RrLWNoZWNrLXdlYmhvb2stc2VjcmV0LWZvci1maW5jaA=="
export WEBHOOK_PORT="$webhook_port"

configuration="${CONFIGURATION:-Release}"
echo "building emulator ($configuration)"
dotnet build "$project" -c "$configuration" --nologo -v quiet

log="$(mktemp)"
# Settings go in through environment variables; the app's Development defaults are not relied upon.
ASPNETCORE_ENVIRONMENT=Production \
FinchSandbox__ClientId="$FINCH_CLIENT_ID" \
FinchSandbox__ClientSecret="$FINCH_CLIENT_SECRET" \
FinchSandbox__WebhookSecret="$FINCH_WEBHOOK_SECRET" \
FinchSandbox__WebhookUrl="http://127.0.0.1:$webhook_port/webhooks" \
FinchSandbox__JobDuration="00:00:01" \
  dotnet run --project "$project" -c "$configuration" --no-build --no-launch-profile -- --urls "$FINCH_BASE_URL" >"$log" 2>&1 &
emulator_pid=$!

stop_emulator() {
  kill "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  rm -f "$log"
}
trap stop_emulator EXIT

echo "waiting for emulator on $FINCH_BASE_URL"
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null -u "$FINCH_CLIENT_ID:$FINCH_CLIENT_SECRET" "$FINCH_BASE_URL/providers"; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then echo "emulator exited:"; cat "$log"; exit 1; fi
  sleep 0.5
done

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node check.mjs
