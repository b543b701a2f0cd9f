package sectigo

// #include <sectigo_sps.h>
import "C"

import "strconv"

// Code is a status code from the library's one table (core/src/code.rs), exactly as the C
// header defines it:
//
//   - 0 is success (never returned inside an *Error);
//   - a negative code is the provider's own verdict, passed through unchanged. The provider's
//     set is open: a negative code without a constant below still reaches the caller as it is;
//   - a positive code is a failure on our side, without a provider verdict.
//
// The numbers are stable forever. A test compares each constant with the header's.
type Code int32

// The provider's documented codes for !ResendInvitationEmailSMIME.
const (
	CodeOK                    Code = 0    // the provider answered 0
	CodeNotHTTPS              Code = -1   // the request was not made over HTTPS
	CodeUnrecognisedArgument  Code = -2   // a parameter was not recognised
	CodeMissingArgument       Code = -3   // a required parameter is missing
	CodeInvalidArgumentValue  Code = -4   // a parameter's value is invalid
	CodeUnknownProviderError  Code = -14  // an unknown error on the provider's side
	CodeAuthenticationFailed  Code = -16  // wrong credentials, locked account, expired password or blocked IP; never retry automatically
	CodeNotPost               Code = -17  // the request used a method other than POST
	CodeCertificateWrongState Code = -122 // the certificate's state does not allow the operation
)

// Local codes: no provider verdict was obtained.
const (
	CodeInvalidArgument   Code = 1  // an argument is empty, too long, has a control character or NUL; nothing was sent
	CodeNullPointer       Code = 2  // a required pointer was NULL (C ABI); nothing was sent
	CodeInvalidUTF8       Code = 3  // a string is not valid UTF-8; nothing was sent
	CodeInvalidConfig     Code = 4  // the client configuration is unusable
	CodeConnectFailed     Code = 5  // no connection could be made; the request was not sent, a retry is safe
	CodeTimeout           Code = 6  // a timeout expired after the request may have been sent; the provider may have acted
	CodeTLS               Code = 7  // the TLS handshake failed (for example an untrusted certificate)
	CodeHTTPStatus        Code = 8  // an HTTP error status without a provider verdict
	CodeMalformedResponse Code = 9  // the answer is not a provider verdict
	CodeResponseTooLarge  Code = 10 // the answer is larger than the size cap
	CodeConnectionLost    Code = 11 // the connection broke after the request was sent; the provider may have acted
	CodeRedirect          Code = 12 // the server redirected; redirects are never followed
	CodeInternal          Code = 13 // a bug in the library
	CodeTimeoutBeforeSend Code = 14 // a timeout expired before the request was sent (resolving, connecting, no time left); a retry is safe
)

// Name is the code's stable snake_case name from the library: "ok", "authentication_failed",
// "timeout", ..., "provider_unlisted" for a negative code the library has no name for, and
// "unknown" for a positive code this version does not know.
func (c Code) Name() string {
	return C.GoString(C.sectigo_sps_status_name(C.int32_t(c)))
}

// String gives the number and the name, for example "-16 (authentication_failed)".
func (c Code) String() string {
	return strconv.Itoa(int(c)) + " (" + c.Name() + ")"
}

// SafeToRetry reports whether the request certainly never reached the provider, so that
// sending it again cannot send a second email: true only for CodeConnectFailed and
// CodeTimeoutBeforeSend. The answer comes from the library (sectigo_sps_status_is_safe_to_retry),
// the one rule of the core's table.
func (c Code) SafeToRetry() bool {
	return bool(C.sectigo_sps_status_is_safe_to_retry(C.int32_t(c)))
}

// category is the library's broad kind of the code ("authentication", "timeout", ...), the
// source of the sentinel errors' matching: the table lives once, in the library.
func (c Code) category() string {
	return C.GoString(C.sectigo_sps_status_category(C.int32_t(c)))
}

// Version is the version of the linked library, for example "0.1.0".
func Version() string {
	return C.GoString(C.sectigo_sps_version())
}
