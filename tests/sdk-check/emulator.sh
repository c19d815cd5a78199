# What the emulators' SDK checks (tests/*/sdk-check/run.sh) share: start an emulator on a free loopback port, wait
# until it answers, run the service's Node SDK against it (check.mjs beside the calling run.sh), stop it again.
# Source this file, call sdk_check_ports, export what check.mjs reads, then call sdk_check_run last.

sdk_check_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Sets api_port and webhook_port: two different free loopback ports.
sdk_check_ports() {
  api_port="$(sdk_check_free_port)"
  webhook_port="$(sdk_check_free_port)"
  while [ "$webhook_port" = "$api_port" ]; do webhook_port="$(sdk_check_free_port)"; done
}

# sdk_check_run PROJECT CHECK_DIR READY_URL CREDENTIALS [SETTING=VALUE...]
# Builds PROJECT and starts it on api_port with the SETTINGS in its environment (the app's Development defaults are
# not relied upon), waits until READY_URL answers a request with curl's -u CREDENTIALS, then runs CHECK_DIR's
# check.mjs. The emulator stops when the calling script exits, whose exit code is the check's.
sdk_check_run() {
  local project="$1" check_dir="$2" ready_url="$3" credentials="$4"
  shift 4

  local configuration="${CONFIGURATION:-Release}"
  echo "building emulator ($configuration)"
  dotnet build "$project" -c "$configuration" --nologo -v quiet

  sdk_check_log="$(mktemp)"
  env ASPNETCORE_ENVIRONMENT=Production "$@" \
    dotnet run --project "$project" -c "$configuration" --no-build --no-launch-profile -- --urls "http://127.0.0.1:$api_port" >"$sdk_check_log" 2>&1 &
  sdk_check_emulator_pid=$!
  trap sdk_check_stop_emulator EXIT

  echo "waiting for emulator on http://127.0.0.1:$api_port"
  for _ in $(seq 1 60); do
    if curl -fs -o /dev/null -u "$credentials" "$ready_url"; then break; fi
    if ! kill -0 "$sdk_check_emulator_pid" 2>/dev/null; then echo "emulator exited:"; cat "$sdk_check_log"; exit 1; fi
    sleep 0.5
  done

  cd "$check_dir"
  npm ci --no-audit --no-fund --loglevel=error
  node check.mjs
}

sdk_check_stop_emulator() {
  kill "$sdk_check_emulator_pid" 2>/dev/null || true
  wait "$sdk_check_emulator_pid" 2>/dev/null || true
  rm -f "$sdk_check_log"
}
