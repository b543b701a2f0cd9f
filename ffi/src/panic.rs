//! The one panic boundary. A panic must never unwind into C (that aborts the caller's process
//! at best); every entry point runs its body through [`boundary`], and the fallible ones through
//! [`fallible`], which turns a panic into `SECTIGO_SPS_INTERNAL`.

use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use sectigo_sps::LocalCode;

use crate::ffi::{Failure, to_c_string};
use crate::status::SECTIGO_SPS_OK;

/// Runs `body`; if it panics, returns `fallback` instead.
///
/// `AssertUnwindSafe` is sound here: after a panic the only state the caller can observe is
/// the handles it passed in, and those are either untouched (arguments are checked before any
/// change) or hold a value the core left consistent (it has no interior mutability that a panic
/// could leave half-done).
pub(crate) fn boundary<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Runs the body of a fallible entry point and reports its outcome the C way: returns the status
/// code, and when `message` is not NULL writes to `*message` a new string describing the failure
/// (owned by the caller, freed with `sectigo_sps_string_free`) or NULL on success.
///
/// # Safety
/// `message` must be NULL or valid for writing one pointer.
pub(crate) unsafe fn fallible(
    message: *mut *mut c_char,
    body: impl FnOnce() -> Result<(), Failure>,
) -> i32 {
    let outcome = boundary(
        Err(Failure::local(
            LocalCode::Internal,
            "internal error in the library: a panic was caught (please report this as a bug)",
        )),
        body,
    );
    let (code, text) = match outcome {
        Ok(()) => (SECTIGO_SPS_OK, ptr::null_mut()),
        Err(failure) => (failure.code, to_c_string(&failure.message)),
    };
    if message.is_null() {
        if !text.is_null() {
            // SAFETY: `text` was just allocated by `to_c_string` and not handed out.
            unsafe { crate::ffi::free_c_string(text) };
        }
    } else {
        // SAFETY: the caller guarantees that a non-NULL `message` is valid for writes.
        unsafe { message.write(text) };
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    use crate::status::SECTIGO_SPS_INTERNAL;

    #[test]
    fn a_panic_becomes_the_internal_code_with_a_message() {
        let mut message: *mut c_char = ptr::null_mut();
        // SAFETY: `message` is a valid out-pointer.
        let code = unsafe { fallible(&mut message, || panic!("deliberate test panic")) };
        assert_eq!(code, SECTIGO_SPS_INTERNAL);
        assert!(!message.is_null());
        // SAFETY: a non-NULL message from `fallible` is a NUL-terminated string we own.
        let text = unsafe { CStr::from_ptr(message) }
            .to_str()
            .unwrap()
            .to_owned();
        assert!(text.starts_with("internal error in the library"), "{text}");
        // SAFETY: as above; freed once.
        unsafe { crate::ffi::free_c_string(message) };
    }

    #[test]
    fn success_writes_null_and_a_null_message_is_accepted() {
        let mut message: *mut c_char = ptr::NonNull::dangling().as_ptr();
        // SAFETY: `message` is a valid out-pointer.
        assert_eq!(unsafe { fallible(&mut message, || Ok(())) }, SECTIGO_SPS_OK);
        assert!(message.is_null());
        // SAFETY: NULL is allowed for `message`.
        let code = unsafe {
            fallible(ptr::null_mut(), || {
                Err(Failure::local(LocalCode::Timeout, "not written anywhere"))
            })
        };
        assert_eq!(code, LocalCode::Timeout.code());
    }
}
