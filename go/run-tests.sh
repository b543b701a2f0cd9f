#!/usr/bin/env bash
# The Go suite, as .ci/run calls it (after `cargo build --workspace`, so the debug sandbox
# exists; it is built here too when run on its own):
#   1. the release library the package links (target/release/libsectigo_sps.a);
#   2. gofmt and go vet, for the package and the example;
#   3. go test -race against a sandbox process started by TestMain;
#   4. the example built and run against a sandbox, as a new user would;
#   5. the pkg-config way: scripts/install-c.sh into a temporary prefix, then tests linked
#      against the installed shared library (-tags sectigo_sps_pkgconfig).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n--- go: %s\n' "$*"; }

source tests/lib.sh
work=$(mktemp -d)
cleanup() {
  sandbox_stop
  rm -rf "$work"
}
trap cleanup EXIT

export GOTOOLCHAIN=local
go version

step "build the release library and the sandbox"
cargo build --release --locked -p sectigo-sps-ffi
cargo build --locked -p sectigo-sps-sandbox

step "gofmt and go vet"
unformatted=$(gofmt -l go examples/go)
if [ -n "$unformatted" ]; then
  echo "not gofmt-clean:" >&2
  echo "$unformatted" >&2
  exit 1
fi
(cd go && go vet ./...)
(cd examples/go && go vet ./...)
echo "clean"

step "go test -race (against the sandbox)"
status=0
(cd go && go test -race -count=1 -v ./...) >"$work/test.log" 2>&1 || status=$?
passed=$(grep -c -- '^ *--- PASS' "$work/test.log" || true)
failed=$(grep -c -- '^ *--- FAIL' "$work/test.log" || true)
skipped=$(grep -c -- '^ *--- SKIP' "$work/test.log" || true)
if [ "$status" -ne 0 ]; then
  cat "$work/test.log"
  echo "go test failed: $passed passed, $failed failed, $skipped skipped (tests and subtests)" >&2
  exit 1
fi
grep -E -A1 -- '^ *--- SKIP' "$work/test.log" || true
grep -E '^(ok|FAIL)' "$work/test.log" || true
echo "go test -race: $passed passed, $failed failed, $skipped skipped (tests and subtests)"

step "the example against a sandbox"
(cd examples/go && go build -o "$work/example" .)
sandbox_start "$work"
url=$SANDBOX_URL
export SECTIGO_LOGIN_NAME=sandbox-user SECTIGO_LOGIN_PASSWORD='s3cr&t=p%+ss word'
out=$("$work/example" -endpoint "$url" -ca "$work/ca.pem" -order 1000001)
[ "$out" = "order 1000001: invitation resent" ] || { echo "example printed: $out" >&2; exit 1; }
example_status=0
err=$("$work/example" -endpoint "$url" -ca "$work/ca.pem" -order 1000122 2>&1) || example_status=$?
if [ "$example_status" -ne 1 ] || [ "$err" != "order 1000122 cannot be resent in its current state: sectigo-sps: code -122 (certificate_wrong_state): The Certificate is in wrong state." ]; then
  echo "example for 1000122 exited $example_status: $err" >&2
  exit 1
fi
echo "$out"
echo "$err"
sandbox_stop

step "linked through pkg-config against an installed library"
install_missing pkg-config=pkg-config
bash scripts/install-c.sh "$work/prefix" >/dev/null
(
  cd go
  export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
  export CGO_LDFLAGS="-Wl,-rpath,$work/prefix/lib"
  go test -tags sectigo_sps_pkgconfig -c -o "$work/pkgconfig.test" .
  ldd "$work/pkgconfig.test" | grep -F "$work/prefix/lib/libsectigo_sps.so.0" ||
    { echo "the pkg-config build does not use the installed shared library" >&2; exit 1; }
  "$work/pkgconfig.test" -test.count=1 \
    -test.run 'TestCodeConstantsEqualTheHeaders|TestVersionMatchesTheHeader|TestSuccessIsRecordedWithTheExactForm|TestSharedVectorsEndToEnd'
)

step "all passed"
