package sectigo

// Every #cgo directive of the package lives here, so that how the library is found is decided
// in one place. Other files only include the header.
//
// Default: the repository's build tree. After `cargo build --release -p sectigo-sps-ffi` the
// package links target/release/libsectigo_sps.a statically, so `go test`, `go build` and
// `go run` work from any directory and the program needs no shared library at run time. (The
// shared library records the SONAME libsectigo_sps.so.0, which cargo does not create in
// target/, so linking it from the build tree would fail at run time.) The -l flags after the
// archive are what the Rust standard library needs from the system.
//
// With `-tags sectigo_sps_pkgconfig`: an installed library (scripts/install-c.sh PREFIX writes
// PREFIX/lib/pkgconfig/sectigo_sps.pc), linked as a shared library through pkg-config. Set
// PKG_CONFIG_PATH when PREFIX is not a standard location, and make the loader find
// PREFIX/lib at run time (a standard location, ldconfig, LD_LIBRARY_PATH, or
// CGO_LDFLAGS=-Wl,-rpath,PREFIX/lib).

/*
#cgo !sectigo_sps_pkgconfig CFLAGS: -I${SRCDIR}/../include
#cgo !sectigo_sps_pkgconfig LDFLAGS: ${SRCDIR}/../target/release/libsectigo_sps.a -lpthread -ldl -lm -lrt -lutil
#cgo sectigo_sps_pkgconfig pkg-config: sectigo_sps
#include <sectigo_sps.h>
*/
import "C"
