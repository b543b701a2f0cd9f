//! Pointer and string helpers: every raw pointer from C is checked here, and every string handed
//! to C is made here.

use std::ffi::{CStr, CString, c_char};

use sectigo_sps::{Error, LocalCode};

use crate::panic::boundary;

/// Why an entry point failed: the status code and the message for the caller.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: i32,
    pub(crate) message: String,
}

impl Failure {
    /// A failure with one of the core's local codes.
    pub(crate) fn local(code: LocalCode, message: impl Into<String>) -> Failure {
        Failure {
            code: code.code(),
            message: message.into(),
        }
    }

    fn null(name: &str) -> Failure {
        Failure::local(LocalCode::NullPointer, format!("{name} must not be NULL"))
    }
}

impl From<Error> for Failure {
    /// The provider's code and message unchanged for a verdict, the core's description otherwise.
    fn from(error: Error) -> Failure {
        Failure {
            code: error.code(),
            message: error.message(),
        }
    }
}

/// The string argument `name`, checked for NULL and UTF-8. Error messages name the parameter and
/// never show the value (it may be a password).
///
/// # Safety
/// `pointer` must be NULL or point to a NUL-terminated string that stays valid and unchanged for
/// `'a`.
pub(crate) unsafe fn arg_str<'a>(pointer: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if pointer.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: not NULL, and the caller guarantees a valid NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(pointer) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|error| {
        Failure::local(
            LocalCode::InvalidUtf8,
            format!(
                "{name} is not valid UTF-8 (invalid byte at offset {})",
                error.valid_up_to()
            ),
        )
    })
}

/// The handle argument `name`, checked for NULL.
///
/// # Safety
/// `pointer` must be NULL or point to a live `T` that nothing mutates for `'a`.
pub(crate) unsafe fn arg_ref<'a, T>(pointer: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller guarantees a NULL or a valid, live pointer.
    unsafe { pointer.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// The handle argument `name` for mutation, checked for NULL.
///
/// # Safety
/// `pointer` must be NULL or point to a live `T` that nothing else uses for `'a`.
pub(crate) unsafe fn arg_mut<'a, T>(pointer: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller guarantees a NULL or a valid pointer used by nobody else meanwhile.
    unsafe { pointer.as_mut() }.ok_or_else(|| Failure::null(name))
}

/// Checks an out-parameter for NULL before any work is done; write it with [`OutPointer::set`]
/// only on success.
pub(crate) struct OutPointer<T>(*mut T);

impl<T> OutPointer<T> {
    pub(crate) fn new(pointer: *mut T, name: &str) -> Result<OutPointer<T>, Failure> {
        if pointer.is_null() {
            return Err(Failure::null(name));
        }
        Ok(OutPointer(pointer))
    }

    /// # Safety
    /// The pointer given to [`OutPointer::new`] must be valid for writing a `T`.
    pub(crate) unsafe fn set(self, value: T) {
        // SAFETY: not NULL (checked in `new`), valid for writes (the caller's guarantee).
        unsafe { self.0.write(value) }
    }
}

/// Moves `value` to the heap and hands ownership to C.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes ownership back from C and drops the value; NULL is a no-op.
///
/// # Safety
/// `handle` must be NULL or come from [`into_handle`] with the same `T`, not freed before, and
/// not in use by any other thread.
pub(crate) unsafe fn free_handle<T>(handle: *mut T) {
    if handle.is_null() {
        return;
    }
    // SAFETY: the caller guarantees the pointer came from `Box::into_raw` and is freed once.
    drop(unsafe { Box::from_raw(handle) });
}

/// A new C string owned by the caller (freed with `sectigo_sps_string_free`). A NUL inside
/// `text` (a server can put one in its message) is replaced by U+FFFD rather than cutting the
/// message short or failing.
pub(crate) fn to_c_string(text: &str) -> *mut c_char {
    let text = if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text.to_owned()
    };
    CString::new(text)
        .unwrap_or_else(|_| CString::from(c"(message unavailable)"))
        .into_raw()
}

/// Frees a string made by [`to_c_string`]; NULL is a no-op.
///
/// # Safety
/// `text` must be NULL or come from [`to_c_string`] and not be freed before.
pub(crate) unsafe fn free_c_string(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: the caller guarantees the pointer came from `CString::into_raw`, freed once.
        drop(unsafe { CString::from_raw(text) });
    }
}

/// Frees a string this library returned through a `message` out-parameter. NULL is a no-op.
/// Use this function, never `free()`: the string was allocated by the library's allocator.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_string_free(s: *mut c_char) {
    // SAFETY: the C contract: `s` is NULL or a string from this library, freed once.
    boundary((), || unsafe { free_c_string(s) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_nul_is_replaced_not_truncated() {
        let text = to_c_string("a\0b");
        // SAFETY: `text` is a fresh NUL-terminated string we own.
        let shown = unsafe { CStr::from_ptr(text) }.to_str().unwrap().to_owned();
        // SAFETY: made by `to_c_string`, freed once.
        unsafe { free_c_string(text) };
        assert_eq!(shown, "a\u{FFFD}b");
    }

    #[test]
    fn utf8_errors_name_the_parameter_not_the_value() {
        let value = c"secret\xff";
        // SAFETY: a valid C string literal.
        let failure = unsafe { arg_str(value.as_ptr(), "login_password") }.unwrap_err();
        assert_eq!(failure.code, LocalCode::InvalidUtf8.code());
        assert_eq!(
            failure.message,
            "login_password is not valid UTF-8 (invalid byte at offset 6)"
        );
        // SAFETY: NULL is allowed.
        let failure = unsafe { arg_str(std::ptr::null(), "login_name") }.unwrap_err();
        assert_eq!(failure.code, LocalCode::NullPointer.code());
        assert_eq!(failure.message, "login_name must not be NULL");
    }
}
