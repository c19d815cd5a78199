#!/usr/bin/env bash
# Builds and starts the StripeSandbox emulator on a free loopback port, runs Stripe's official Node SDK against it
# (check.mjs), and stops the emulator again. Exit code is the check's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
source "$repo/tests/sdk-check/emulator.sh"

sdk_check_ports
export STRIPE_PORT="$api_port"
export STRIPE_SECRET_KEY="sk_test_sdk_check_0123456789abcdef"
export STRIPE_WEBHOOK_SECRET="whsec_sdk_check_signing_secret"
export WEBHOOK_PORT="$webhook_port"

sdk_check_run "$repo/src/StripeSandbox" "$here" "http://127.0.0.1:$api_port/v1/customers" "$STRIPE_SECRET_KEY:" \
  StripeSandbox__SecretKey="$STRIPE_SECRET_KEY" \
  StripeSandbox__WebhookSecret="$STRIPE_WEBHOOK_SECRET" \
  StripeSandbox__WebhookUrl="http://127.0.0.1:$webhook_port/webhooks" \
  StripeSandbox__RefreshDuration="00:00:00.200"
