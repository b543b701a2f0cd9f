# Shell helpers shared by the suites (tests/c/run.sh, go/run-tests.sh, tests/curl-sample.sh).
# Sourced, not run; the caller has `set -euo pipefail` and runs from the repository root.

# sandbox_start DIR [FLAGS...]
#   Starts target/debug/sectigo-sps-sandbox on a free port with its CA written to DIR/ca.pem and
#   FLAGS added, and waits for the URL lines it prints. Sets SANDBOX_URL, SANDBOX_PLAIN_URL
#   (only with --plain-http), SANDBOX_CA and SANDBOX_PID. The sandbox's stdin is held open on
#   fd 9: closing it (sandbox_stop, or the shell exiting) stops the sandbox.
sandbox_start() {
  local dir=$1 lines=1
  shift
  case " $* " in *" --plain-http "*) lines=2 ;; esac
  mkfifo "$dir/sandbox-stdin"
  target/debug/sectigo-sps-sandbox --port 0 --ca-out "$dir/ca.pem" --exit-on-stdin-eof "$@" \
    <"$dir/sandbox-stdin" >"$dir/sandbox-urls" 2>"$dir/sandbox-log" &
  SANDBOX_PID=$!
  exec 9>"$dir/sandbox-stdin"
  for _ in $(seq 300); do
    [ "$(wc -l <"$dir/sandbox-urls")" -ge "$lines" ] && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || break
    sleep 0.1
  done
  SANDBOX_URL=$(sed -n 1p "$dir/sandbox-urls")
  SANDBOX_PLAIN_URL=$(sed -n 2p "$dir/sandbox-urls")
  SANDBOX_CA=$dir/ca.pem
  case "$SANDBOX_URL" in
    https://127.0.0.1:*/products/) ;;
    *) echo "the sandbox did not print its URL" >&2; cat "$dir/sandbox-log" >&2; return 1 ;;
  esac
}

# sandbox_stop: closes the sandbox's stdin (it exits on EOF); the kill is the fallback.
sandbox_stop() {
  exec 9>&- 2>/dev/null || true
  if [ -n "${SANDBOX_PID:-}" ]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=
  fi
}

# install_missing COMMAND=PACKAGE ...: installs the Debian package of each missing command
# (CI machines are fresh and run as root); `apt-get update` only when the first try fails.
install_missing() {
  local wanted=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null || wanted+=("${pair#*=}")
  done
  [ ${#wanted[@]} -gt 0 ] || return 0
  echo "installing ${wanted[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${wanted[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${wanted[@]}" >/dev/null; }
}
