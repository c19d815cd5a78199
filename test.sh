#!/usr/bin/env bash
# Runs every test: builds the solution, makes sure Chromium is there, starts a throwaway PostgreSQL,
# runs each test project against it, stops what it started, and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

# Chromium's old headless shell: the full browser's headless mode runs its window UI (a WebUI renderer per window) and
# took about twice the CPU for the same browser tests on 2 cores.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian's chromium-headless-shell for the browser tests…"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
    else
        echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install -y chromium-headless-shell (or set CHROMIUM_PATH)." >&2
        exit 1
    fi
fi
export CHROMIUM_PATH="$CHROMIUM"

echo "Building…"
dotnet build FinchDashboard.sln -c Release -nologo -v quiet
echo "== build took $SECONDS s"

postgres_throwaway finch-dashboard-tests

# fsync off: a throwaway cluster gains nothing from surviving a power cut, and tests run faster.
POSTGRES_FSYNC=off postgres_start "$work_dir/postgres" "$postgres_port"
export FINCHDASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$postgres_port;Username=postgres"

passed=0
failed=0
status=0
for project in tests/Unit tests/FinchSandbox.Tests tests/StripeSandbox.Tests tests/Integration tests/E2E; do
    echo
    echo "== $project"
    log="$work_dir/$(basename "$project").log"
    started=$SECONDS
    if ! dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log"; then
        status=1
    fi
    echo "== $project took $((SECONDS - started)) s"
    # The runner's summary line: "Passed!  - Failed: 0, Passed: 29, Skipped: 0, Total: 29, …"
    summary="$(grep -E 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)"
    if [ -z "$summary" ]; then
        echo "No test summary from $project: counting it as failed." >&2
        status=1
        continue
    fi
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")))
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")))
done

# Finch's official Node SDK, unchanged, against our emulator: the emulator speaks Finch's wire format.
echo
echo "== Finch SDK check (tests/FinchSandbox.Tests/sdk-check)"
if bash tests/FinchSandbox.Tests/sdk-check/run.sh; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi

# Stripe's official Node SDK, unchanged, against our Stripe emulator.
echo
echo "== Stripe SDK check (tests/StripeSandbox.Tests/sdk-check)"
if bash tests/StripeSandbox.Tests/sdk-check/run.sh; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed, in $SECONDS s"
if [ "$failed" -ne 0 ]; then
    status=1
fi
exit "$status"
