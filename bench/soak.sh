#!/usr/bin/env bash
# bench/soak.sh [CALLS] [VALGRIND_CALLS]: a long run through the C ABI on one client.
#
#   1. CALLS calls (default 100000) on one client of the release libsectigo_sps against a
#      release sandbox on loopback: VmRSS after the first 1,000 calls and at the end, and their
#      difference; PASS when it is under 1 MiB.
#   2. valgrind memcheck on a shorter run (VALGRIND_CALLS, default 2000):
#      a. the debug library (symbols, so tests/c/valgrind.supp's ring false positive is
#         suppressed): every memcheck error counts, and definite or indirect leaks are errors;
#      b. the release library (stripped, so the suppressions cannot match): leaks only
#         (--undef-value-errors=no), to check the shipped build too.
# Exits 1 when the memory check fails or valgrind reports an error or a leak.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
CALLS=${1:-100000}
VG_CALLS=${2:-2000}
out=$root/bench/out
export CARGO_TERM_COLOR=never
step() { printf '\n==> %s\n' "$*"; }
mkdir -p "$out"

step "build: release sandbox and library, debug library, bench/c against each"
cargo build --release --locked -p sectigo-sps-sandbox -p sectigo-sps-ffi
cargo build --locked -p sectigo-sps-ffi
for profile in release debug; do
  mkdir -p "$out/lib-$profile"
  ln -sf "$root/target/$profile/libsectigo_sps.so" "$out/lib-$profile/libsectigo_sps.so"
  ln -sf "$root/target/$profile/libsectigo_sps.so" "$out/lib-$profile/libsectigo_sps.so.0"
  cc -std=c99 -O2 -g -Wall -Wextra -Werror -Iinclude bench/c/bench.c -L"$out/lib-$profile" \
    -lsectigo_sps -Wl,-rpath,"$out/lib-$profile" -lpthread -o "$out/c-bench-$profile"
done

step "start a release sandbox"
coproc SANDBOX { exec target/release/sectigo-sps-sandbox --port 0 --ca-out "$out/soak-ca.pem" \
  --exit-on-stdin-eof 2>"$out/soak-sandbox.log"; }
sandbox_pid=$SANDBOX_PID
trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
read -r base <&"${SANDBOX[0]}"
ca=$out/soak-ca.pem
echo "sandbox at $base"

status=0

step "$CALLS calls through the C ABI on one client (release library)"
result=$("$out/c-bench-release" soak "$base" "$ca" "$CALLS")  # progress every 10k calls on stderr
echo "$result" >"$out/soak.json"
python3 - "$result" <<'PY' || status=1
import json, sys
r = json.loads(sys.argv[1])
diff = r["rss_diff_kib"]
print(f"calls: {r['calls']} in {r['seconds']:.1f} s ({r['calls'] / r['seconds']:.0f} calls/s)")
print(f"VmRSS after the first 1,000 calls: {r['rss_after_1000_kib']} KiB")
print(f"VmRSS after all {r['calls']} calls: {r['rss_end_kib']} KiB")
print(f"difference: {diff:+d} KiB (target: < 1024 KiB)")
print(f"peak (VmHWM): {r['peak_rss_kib']} KiB")
verdict = "PASS" if diff < 1024 else "FAIL"
print(f"memory: {verdict}")
sys.exit(0 if verdict == "PASS" else 1)
PY

vg=(valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
  --show-leak-kinds=definite,indirect)

step "valgrind memcheck, debug library, $VG_CALLS calls (suppressions: tests/c/valgrind.supp)"
set +e
"${vg[@]}" --suppressions=tests/c/valgrind.supp --log-file="$out/valgrind-debug.log" \
  "$out/c-bench-debug" soak "$base" "$ca" "$VG_CALLS" >/dev/null
vg_debug=$?
set -e
grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|All heap blocks' \
  "$out/valgrind-debug.log" | sed 's/^==[0-9]*== */valgrind (debug): /'
[ "$vg_debug" -eq 0 ] && echo "valgrind (debug): PASS" || { echo "valgrind (debug): FAIL (bench/out/valgrind-debug.log)"; status=1; }

step "valgrind leak check, release library, $VG_CALLS calls (--undef-value-errors=no)"
set +e
"${vg[@]}" --undef-value-errors=no --log-file="$out/valgrind-release.log" \
  "$out/c-bench-release" soak "$base" "$ca" "$VG_CALLS" >/dev/null
vg_release=$?
set -e
grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|All heap blocks' \
  "$out/valgrind-release.log" | sed 's/^==[0-9]*== */valgrind (release): /'
[ "$vg_release" -eq 0 ] && echo "valgrind (release): PASS" || { echo "valgrind (release): FAIL (bench/out/valgrind-release.log)"; status=1; }

step "soak: $([ "$status" -eq 0 ] && echo PASS || echo FAIL)"
exit "$status"
