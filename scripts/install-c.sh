#!/usr/bin/env bash
# Builds libsectigo_sps in release mode and installs it for C and C++ users:
#   PREFIX/lib/libsectigo_sps.so.0.1.0 (+ .so.0 and .so symlinks), PREFIX/lib/libsectigo_sps.a,
#   PREFIX/include/sectigo_sps.h, PREFIX/lib/pkgconfig/sectigo_sps.pc
# Usage: scripts/install-c.sh PREFIX        (for example /usr/local, or $HOME/.local)
# Then:  cc app.c $(PKG_CONFIG_PATH=PREFIX/lib/pkgconfig pkg-config --cflags --libs sectigo_sps)
#        (static: pkg-config --static and -l:libsectigo_sps.a, see include/README-C.md)
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
prefix=$(cd "$1" && pwd)

# The version comes from the workspace's Cargo.toml, like the header's SECTIGO_SPS_VERSION.
version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$root/Cargo.toml" | head -n 1)
major=${version%%.*}
if ! grep -q "^#define SECTIGO_SPS_VERSION \"$version\"$" "$root/include/sectigo_sps.h"; then
  echo "install-c.sh: include/sectigo_sps.h is not for version $version" >&2
  exit 1
fi

(cd "$root" && cargo build --release --locked -p sectigo-sps-ffi)
target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
built="${target_dir:-$root/target}/release"

install -d "$prefix/lib/pkgconfig" "$prefix/include"
install -m 0755 "$built/libsectigo_sps.so" "$prefix/lib/libsectigo_sps.so.$version"
ln -sf "libsectigo_sps.so.$version" "$prefix/lib/libsectigo_sps.so.$major"
ln -sf "libsectigo_sps.so.$major" "$prefix/lib/libsectigo_sps.so"
install -m 0644 "$built/libsectigo_sps.a" "$prefix/lib/libsectigo_sps.a"
install -m 0644 "$root/include/sectigo_sps.h" "$prefix/include/sectigo_sps.h"

# Libs.private: what the Rust standard library needs from the system when linking the static
# library (rustc --print native-static-libs; -lgcc_s comes with the C compiler's own runtime).
cat > "$prefix/lib/pkgconfig/sectigo_sps.pc" <<PC
prefix=$prefix
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: sectigo_sps
Description: Client for Sectigo's partner API call !ResendInvitationEmailSMIME
Version: $version
Libs: -L\${libdir} -lsectigo_sps
Libs.private: -lpthread -ldl -lm -lrt -lutil
Cflags: -I\${includedir}
PC

echo "installed libsectigo_sps $version under $prefix"
