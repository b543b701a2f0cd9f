#!/usr/bin/env bash
# bench/run.sh [N] [M]: one sandbox, eight ways to make the same call, one table.
#
# Run by hand after `bash .ci/run` (not part of the test pass/fail). Builds what it needs in
# release mode, starts ONE release sandbox, measures what the sandbox alone sustains (wrk, or the
# Rust client on several threads), then runs the rows against order 1000001 over HTTPS:
#   1 Rust core, 2 C ABI, 3 Python package, 4 Python requests.Session, 5 Go package,
#   6 Go net/http            N calls each on one client (default N=2000)
#   7 sectigo-sps CLI, 8 curl   one process per call, M calls each (default M=100)
# and prints a Markdown table (also bench/out/results.csv, ratios.csv, results.png).
# See bench/README.md for what each column means and the caveats.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
N=${1:-2000}
M=${2:-100}
out=$root/bench/out
export CARGO_TERM_COLOR=never PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n==> %s\n' "$*" >&2; }

mkdir -p "$out"
rm -rf "$out/rows"
mkdir -p "$out/rows"

step "build (release): sandbox, CLI, C library"
cargo build --release --locked -p sectigo-sps-sandbox -p sectigo-sps-cli -p sectigo-sps-ffi

step "build (release): bench/rust"
# Its own workspace and target directory: nothing here changes the main build. Not --locked:
# bench/rust/Cargo.lock pins what it can, but a dependency added to core must not break the
# benchmark until someone refreshes that lock file.
CARGO_TARGET_DIR="$out/rust-target" cargo build --release \
  --manifest-path bench/rust/Cargo.toml
rust_bench=$out/rust-target/release/sectigo-sps-bench

step "build: bench/c (the C row against target/release, and the process spawner)"
# The library records the SONAME libsectigo_sps.so.0, which cargo does not create: link through
# a directory that has it (as tests/c/run.sh does).
mkdir -p "$out/lib"
ln -sf "$root/target/release/libsectigo_sps.so" "$out/lib/libsectigo_sps.so"
ln -sf "$root/target/release/libsectigo_sps.so" "$out/lib/libsectigo_sps.so.0"
cc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude bench/c/bench.c \
  -L"$out/lib" -lsectigo_sps -Wl,-rpath,"$out/lib" -lpthread -o "$out/c-bench"
cc -std=c99 -O2 -Wall -Wextra -Werror bench/c/spawn.c -o "$out/spawn"

step "Python: venv in bench/out/venv with the package, requests (and matplotlib if pip can)"
venv=$out/venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import requests' 2>/dev/null ||
  "$venv/bin/python" -m pip install --quiet "requests>=2.31,<3"
# Reinstall the package only when python/ or core/ changed since the last install.
stamp=$( (git rev-parse HEAD:python HEAD:core; git diff HEAD -- python core) | sha1sum | cut -c1-40)
if [ "$(cat "$venv/sectigo_sps.stamp" 2>/dev/null)" != "$stamp" ] ||
  ! "$venv/bin/python" -c 'import sectigo_sps' 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps ./python
  echo "$stamp" >"$venv/sectigo_sps.stamp"
fi
"$venv/bin/python" -c 'import matplotlib' 2>/dev/null ||
  "$venv/bin/python" -m pip install --quiet matplotlib 2>/dev/null ||
  echo "matplotlib could not be installed: no PNG" >&2

step "Go: bench/go (package through replace ../../go, and net/http)"
go_skip=
if ! command -v go >/dev/null; then
  go_skip="go is not installed"
elif ! ls go/*.go >/dev/null 2>&1; then
  go_skip="the Go package (go/) is not in this checkout"
elif ! stamp=$(sha1sum target/release/libsectigo_sps.a | cut -c1-40) ||
  ! (cd bench/go && GOPROXY=off GOFLAGS=-mod=mod go build -ldflags "-X main.libraryStamp=$stamp" \
    -o "$out/go-bench" .) >"$out/go-build.log" 2>&1; then
  cat "$out/go-build.log" >&2
  go_skip="bench/go did not build (bench/out/go-build.log)"
fi

step "start one release sandbox"
coproc SANDBOX { exec target/release/sectigo-sps-sandbox --port 0 --ca-out "$out/ca.pem" \
  --exit-on-stdin-eof 2>"$out/sandbox.log"; }
sandbox_pid=$SANDBOX_PID
trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
read -r base <&"${SANDBOX[0]}"
ca=$out/ca.pem
echo "sandbox at $base" >&2
answer=$(curl --silent --show-error --cacert "$ca" -X POST "${base}!ResendInvitationEmailSMIME" \
  --data-urlencode 'loginName=sandbox-user' --data-urlencode 'loginPassword=s3cr&t=p%+ss word' \
  --data-urlencode 'orderNumber=1000001')
[ "$answer" = 0 ] || { echo "the sandbox answered $answer, not 0" >&2; exit 1; }

step "sandbox floor: what it sustains alone"
if command -v wrk >/dev/null; then
  floor_line=$(wrk -t2 -c8 -d5s -s bench/wrk/post.lua "$base" | tee "$out/wrk.txt" | sed -n 's/^wrk-json //p')
  python3 - "$floor_line" >"$out/floor.json" <<'PY'
import json, sys
w = json.loads(sys.argv[1])
print(json.dumps({"tool": "wrk -t2 -c8 -d5s", "connections": 8, "seconds": w["seconds"],
                  "calls_per_second": w["requests"] / w["seconds"], "errors": w["errors"],
                  "p50_ms": w["p50_us"] / 1000, "p99_ms": w["p99_us"] / 1000}))
PY
else
  "$rust_bench" flood "$base" "$ca" 8 5 | python3 -c '
import json, sys
f = json.load(sys.stdin)
print(json.dumps({"tool": "sectigo-sps-bench flood (wrk not installed)", "connections": f["threads"],
                  "seconds": f["seconds"], "calls_per_second": f["calls_per_second"]}))' >"$out/floor.json"
fi
cat "$out/floor.json" >&2

report=("$venv/bin/python" bench/report.py)
common=(--base "$base" --ca "$ca" --out "$out")

step "rows 1-6: N=$N calls on one client each"
"${report[@]}" row 1 "Rust core" "${common[@]}" -- "$rust_bench" calls "$base" "$ca" "$N"
"${report[@]}" row 2 "C ABI (libsectigo_sps)" "${common[@]}" -- "$out/c-bench" calls "$base" "$ca" "$N"
"${report[@]}" row 3 "Python sectigo_sps" "${common[@]}" -- \
  "$venv/bin/python" bench/python/rows.py package "$base" "$ca" "$N"
"${report[@]}" row 4 "Python requests.Session" "${common[@]}" -- \
  "$venv/bin/python" bench/python/rows.py requests "$base" "$ca" "$N"
if [ -z "$go_skip" ]; then
  "${report[@]}" row 5 "Go sectigo package" "${common[@]}" -- "$out/go-bench" package "$base" "$ca" "$N"
  "${report[@]}" row 6 "Go net/http" "${common[@]}" -- "$out/go-bench" nethttp "$base" "$ca" "$N"
else
  "${report[@]}" skip 5 "Go sectigo package" "$go_skip" --out "$out"
  "${report[@]}" skip 6 "Go net/http" "$go_skip" --out "$out"
fi

step "rows 7-8: M=$M processes, one call each"
# bench/c/spawn.c starts each process and times it from spawn to exit (see there for why C).
SECTIGO_LOGIN_NAME=sandbox-user SECTIGO_LOGIN_PASSWORD='s3cr&t=p%+ss word' \
  "${report[@]}" row 7 "sectigo-sps CLI process" --per-process "${common[@]}" -- \
  "$out/spawn" "$M" - target/release/sectigo-sps resend-invitation --order 1000001 \
  --endpoint "$base" --ca-cert "$ca" --no-system-roots --no-proxy
"${report[@]}" row 8 "curl process (documented sample)" --per-process "${common[@]}" -- \
  "$out/spawn" "$M" 0 curl --silent --show-error --cacert "$ca" -X POST \
  "${base}!ResendInvitationEmailSMIME" --data-urlencode 'loginName=sandbox-user' \
  --data-urlencode 'loginPassword=s3cr&t=p%+ss word' --data-urlencode 'orderNumber=1000001'

step "client build time, first call versus later calls (Rust)"
"$rust_bench" startup "$base" "$ca" 20 >"$out/startup.json"

so=target/release/libsectigo_sps.so
cp "$so" "$out/libsectigo_sps.stripped.so"
strip --strip-all "$out/libsectigo_sps.stripped.so"
so_size="$(stat -c %s "$so"),$(stat -c %s "$out/libsectigo_sps.stripped.so")"

step "report"
printf '\nMachine: %s CPU(s), %s; load average %s (other work on the machine adds noise).\n' \
  "$(nproc)" "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'N=%s calls per in-process row, M=%s processes per per-process row; sandbox %s\n\n' "$N" "$M" "$base"
"${report[@]}" table --out "$out" --floor "$out/floor.json" \
  --startup "$out/startup.json" --so-size "$so_size"
