#!/usr/bin/env bash
# Runs every test: builds the solution, makes sure Chromium is there, starts a throwaway PostgreSQL,
# runs each test project against it, stops what it started, and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

# Chromium's old headless shell: the full browser's headless mode runs its window UI (a WebUI renderer per window) and
# took about twice the CPU for the same browser tests on 2 cores.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
chromium_install=""
if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = "0" ]; then
        # Installed while the solution builds; the browser tests wait for it.
        echo "Installing Debian's chromium-headless-shell for the browser tests, beside the build…"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell) >/tmp/finch-dashboard-chromium-install.log 2>&1 &
        chromium_install=$!
    else
        echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install -y chromium-headless-shell (or set CHROMIUM_PATH)." >&2
        exit 1
    fi
fi
export CHROMIUM_PATH="$CHROMIUM"

# The tests start dozens of short-lived .NET hosts and processes on two cores. For them, and only here: workstation GC
# (the web SDK's server GC gives every process a heap and a GC thread per core), no profile-guided re-JIT of hot methods
# a test process will not run long enough to repay, and no thread-pool spinning while other processes wait for the CPU.
export DOTNET_gcServer=0 DOTNET_TieredPGO=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

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

# Finch's and Stripe's official Node SDKs, unchanged, against our emulators (they speak the real wire formats). They
# wait mostly on npm and their emulators, so they run beside the test projects; their output follows at the end.
sdk_checks=()
for check in tests/FinchSandbox.Tests/sdk-check tests/StripeSandbox.Tests/sdk-check; do
    bash "$check/run.sh" >"$work_dir/$(basename "$(dirname "$check")").sdk-check.log" 2>&1 &
    sdk_checks+=("$check:$!")
done

for project in tests/Unit tests/FinchSandbox.Tests tests/StripeSandbox.Tests tests/Integration tests/E2E; do
    if [ "$project" = tests/E2E ] && [ -n "$chromium_install" ] && ! wait "$chromium_install"; then
        echo "Installing chromium-headless-shell failed; its log follows:" >&2
        cat /tmp/finch-dashboard-chromium-install.log >&2
        exit 1
    fi
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

for entry in "${sdk_checks[@]}"; do
    check="${entry%%:*}"
    echo
    echo "== SDK check ($check)"
    if wait "${entry##*:}"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    cat "$work_dir/$(basename "$(dirname "$check")").sdk-check.log"
done

echo
echo "$passed passed, $failed failed, in $SECONDS s"
if [ "$failed" -ne 0 ]; then
    status=1
fi
exit "$status"
