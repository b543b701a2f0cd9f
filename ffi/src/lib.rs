//! The C ABI of `sectigo-sps`: `libsectigo_sps.so` / `libsectigo_sps.a` and the generated header
//! `include/sectigo_sps.h`.
//!
//! One file per exported C object, as in rustls-ffi: [`builder`] (`sectigo_sps_client_builder`),
//! [`client`] (`sectigo_sps_client` and the call), [`status`] (the status constants and their
//! names), [`panic`] (the one panic boundary every entry point goes through) and [`ffi`] (pointer
//! and string helpers). Nothing here re-implements the core: arguments are checked for NULL and
//! UTF-8, then handed to `sectigo_sps` (the core crate), and its results are converted.
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
// The C names are the API.
#![allow(non_camel_case_types)]
// The entry points' safety contract is the same for all and is stated once, in the header's
// opening comment (ffi/cbindgen.toml): each pointer is NULL or valid for its documented use, and
// handles come from this library. A `# Safety` section per function would repeat it 16 times.
#![allow(clippy::missing_safety_doc)]

pub mod builder;
pub mod client;
mod ffi;
mod panic;
pub mod status;
