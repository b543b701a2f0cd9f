#!/usr/bin/env bash
# The C suite, as .ci/run calls it (after `cargo build --workspace`):
#   1. the committed header equals what the pinned cbindgen generates;
#   2. the header compiles as C99/C11 and C++11/C++17 with -Wall -Wextra -Werror -pedantic;
#   3. tests/c/test_sectigo_sps.c against the debug library and a sandbox process;
#   4. the same under valgrind memcheck (no errors, no definite or indirect leaks);
#   5. the same built with -fsanitize=address,undefined (leak detection on);
#   6. scripts/install-c.sh into a temporary prefix, then examples/c/example.c built with
#      pkg-config (shared and static) and run against the sandbox.
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
CBINDGEN_VERSION=0.29.4

step() { printf '\n--- c: %s\n' "$*"; }

source tests/lib.sh
work=$(mktemp -d)
cleanup() {
  sandbox_stop
  rm -rf "$work"
}
trap cleanup EXIT

install_missing pkg-config=pkg-config valgrind=valgrind c++=g++

step "header is what cbindgen $CBINDGEN_VERSION generates"
if [ "$(cbindgen --version 2>/dev/null || true)" != "cbindgen $CBINDGEN_VERSION" ]; then
  cargo install cbindgen --version "$CBINDGEN_VERSION" --locked
fi
cbindgen --quiet --config ffi/cbindgen.toml --crate sectigo-sps-ffi --output "$work/sectigo_sps.h" ffi
if ! diff -u include/sectigo_sps.h "$work/sectigo_sps.h"; then
  echo "include/sectigo_sps.h is stale: regenerate it with" >&2
  echo "  cbindgen --config ffi/cbindgen.toml --crate sectigo-sps-ffi --output include/sectigo_sps.h ffi" >&2
  exit 1
fi

step "header compiles as C and C++"
cat > "$work/header.c" <<'C'
#include <sectigo_sps.h>
#include <sectigo_sps.h> /* the include guard works */
int main(void) {
    char *message = 0;
    sectigo_sps_client *client = 0;
    int32_t code = sectigo_sps_client_new(&client, &message);
    sectigo_sps_string_free(message);
    sectigo_sps_client_free(client);
    return code == SECTIGO_SPS_OK ? 0 : 1;
}
C
for std in c99 c11; do
  cc -std=$std -Wall -Wextra -Werror -pedantic -Iinclude -c "$work/header.c" -o "$work/header-$std.o"
done
for std in c++11 c++17; do
  c++ -std=$std -Wall -Wextra -Werror -pedantic -Iinclude -x c++ -c "$work/header.c" -o "$work/header-$std.o"
done
echo "C99, C11, C++11, C++17: clean"

step "build the library, the sandbox and the C test"
cargo build --locked -p sectigo-sps-ffi -p sectigo-sps-sandbox
# Programs record the SONAME (libsectigo_sps.so.0), which cargo does not create: link through a
# directory that has it.
lib="$work/lib"
mkdir -p "$lib"
ln -s "$root/target/debug/libsectigo_sps.so" "$lib/libsectigo_sps.so"
ln -s "$root/target/debug/libsectigo_sps.so" "$lib/libsectigo_sps.so.0"
cflags=(-std=c99 -Wall -Wextra -Werror -pedantic -g -Iinclude)
libs=(-L"$lib" -lsectigo_sps -Wl,-rpath,"$lib" -lpthread)
cc "${cflags[@]}" tests/c/test_sectigo_sps.c "${libs[@]}" -o "$work/test_sectigo_sps"
cc "${cflags[@]}" -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
  -fno-sanitize-recover=undefined tests/c/test_sectigo_sps.c "${libs[@]}" \
  -o "$work/test_sectigo_sps_asan"

step "start the sandbox"
sandbox_start "$work" --plain-http
https_url=$SANDBOX_URL
plain_url=$SANDBOX_PLAIN_URL
echo "sandbox at $https_url (plain: $plain_url)"
test_args=("$https_url" "$plain_url" "$work/ca.pem" tests/vectors/vectors.tsv)

step "C tests"
"$work/test_sectigo_sps" "${test_args[@]}"

step "C tests under valgrind memcheck"
# Fewer thread-test calls: memcheck runs everything about 30 times slower.
# tests/c/valgrind.supp: ring's assembly AES key schedule, a known false positive (see there).
set +e
SECTIGO_SPS_TEST_CALLS_PER_THREAD=25 valgrind --error-exitcode=1 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
  --suppressions=tests/c/valgrind.supp --log-file="$work/valgrind.log" \
  "$work/test_sectigo_sps" "${test_args[@]}" >"$work/valgrind.out"
status=$?
set -e
tail -n 2 "$work/valgrind.out"
grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable' \
  "$work/valgrind.log" | sed 's/^==[0-9]*== */valgrind: /'
if [ "$status" -ne 0 ]; then
  cat "$work/valgrind.out" "$work/valgrind.log" >&2
  exit 1
fi

step "C tests built with AddressSanitizer and UBSan"
set +e
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$work/test_sectigo_sps_asan" "${test_args[@]}" >"$work/asan.out" 2>"$work/asan.log"
status=$?
set -e
tail -n 2 "$work/asan.out"
if [ "$status" -ne 0 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$work/asan.log"; then
  cat "$work/asan.out" "$work/asan.log" >&2
  exit 1
fi
echo "ASan+UBSan (detect_leaks=1): no reports"

step "install into a prefix, build the example with pkg-config, run it"
prefix="$work/prefix"
bash scripts/install-c.sh "$prefix"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
readelf -d "$prefix/lib/libsectigo_sps.so.0" | grep -q 'SONAME.*\[libsectigo_sps\.so\.0\]'
# shellcheck disable=SC2046 # pkg-config prints several words on purpose
cc examples/c/example.c $(pkg-config --cflags --libs sectigo_sps) -Wl,-rpath,"$prefix/lib" \
  -o "$work/example"
export SECTIGO_LOGIN_NAME=sandbox-user SECTIGO_LOGIN_PASSWORD='s3cr&t=p%+ss word'
"$work/example" "$https_url" "$work/ca.pem" 1000001
# shellcheck disable=SC2046
cc examples/c/example.c $(pkg-config --cflags sectigo_sps) "$prefix/lib/libsectigo_sps.a" \
  $(pkg-config --static --libs-only-l sectigo_sps | sed 's/-lsectigo_sps//') -o "$work/example-static"
! ldd "$work/example-static" | grep -q sectigo_sps
SECTIGO_SPS_ENDPOINT="$https_url" SECTIGO_SPS_CA_FILE="$work/ca.pem" "$work/example-static"
echo "example: shared and static builds ran against the sandbox"

step "C suite passed"
