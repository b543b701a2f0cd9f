//! Gives the shared library its SONAME, so programs link against the ABI version
//! (`libsectigo_sps.so.0`) rather than the file name. Bump the `0` only with an ABI break.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os.ends_with("bsd") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsectigo_sps.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
