#!/usr/bin/env bash
# Builds and starts the FinchSandbox emulator on a free loopback port, runs Finch's official Node SDK against it
# (check.mjs), and stops the emulator again. Exit code is the check's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
source "$repo/tests/sdk-check/emulator.sh"

sdk_check_ports
export FINCH_BASE_URL="http://127.0.0.1:$api_port"
export FINCH_CLIENT_ID="sdk-check-client"
export FINCH_CLIENT_SECRET="sdk-check-secret"
export FINCH_WEBHOOK_SECRET="c2RrLWNoZWNrLXdlYmhvb2stc2VjcmV0LWZvci1maW5jaA=="
export WEBHOOK_PORT="$webhook_port"

sdk_check_run "$repo/src/FinchSandbox" "$here" "$FINCH_BASE_URL/providers" "$FINCH_CLIENT_ID:$FINCH_CLIENT_SECRET" \
  FinchSandbox__ClientId="$FINCH_CLIENT_ID" \
  FinchSandbox__ClientSecret="$FINCH_CLIENT_SECRET" \
  FinchSandbox__WebhookSecret="$FINCH_WEBHOOK_SECRET" \
  FinchSandbox__WebhookUrl="http://127.0.0.1:$webhook_port/webhooks" \
  FinchSandbox__JobDuration="00:00:01"
