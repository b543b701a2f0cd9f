package sectigo

// #include <sectigo_sps.h>
import "C"

import "strings"

// Error is a failed call or configuration: the status code and its message.
//
// For a provider verdict (Code < 0) Message is the provider's message, unchanged (it may be
// empty when the provider sent none). For a local failure (Code > 0) it describes what
// happened. No message contains the password, except that a provider verdict quoting a
// password shorter than 6 characters is passed through unchanged.
//
// Match kinds with errors.Is and the sentinels (ErrAuthentication, ErrTimeout, ...), read the
// code with errors.As:
//
//	var e *sectigo.Error
//	switch {
//	case errors.Is(err, sectigo.ErrCertificateState):
//	case errors.As(err, &e) && e.Code == -9901:
//	}
//
// errors.Is(err, &sectigo.Error{Code: c}) is true when err carries the code c (the target's
// Message is ignored).
type Error struct {
	Code    Code
	Message string

	// closed marks the error returned by a call on a closed Client (matches ErrClosed).
	closed bool
	// cause is context.DeadlineExceeded when the context's deadline bounded a call that timed
	// out, so that errors.Is(err, context.DeadlineExceeded) holds for it.
	cause error
}

// Error formats as "sectigo-sps: code -16 (authentication_failed): <message>".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("sectigo-sps: code ")
	b.WriteString(e.Code.String())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Is reports whether e belongs to the kind target names: a sentinel of this package, or an
// *Error with the same Code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case *sentinel:
		return t.matches(e)
	case *Error:
		return t != nil && t.Code == e.Code
	}
	return false
}

// SafeToRetry reports whether the request certainly never reached the provider, so that sending
// it again cannot send a second email: true only for CodeConnectFailed and
// CodeTimeoutBeforeSend (the library's rule, sectigo_sps_status_is_safe_to_retry). Provider
// verdicts, CodeTimeout and CodeConnectionLost are never safe to retry blindly. False for a nil
// *Error and for ErrClosed errors (retrying on a closed Client cannot succeed).
func (e *Error) SafeToRetry() bool {
	return e != nil && !e.closed && e.Code.SafeToRetry()
}

// Unwrap gives context.DeadlineExceeded for a timeout that the context's deadline caused, and
// nil otherwise.
func (e *Error) Unwrap() error {
	return e.cause
}

// A sentinel names a kind of failure. Kinds other than ErrProvider and ErrClosed are the
// library's categories (sectigo_sps_status_category), so which code belongs to which kind is
// decided once, in the library's table.
type sentinel struct {
	text    string
	matches func(*Error) bool
}

func (s *sentinel) Error() string { return "sectigo-sps: " + s.text }

func categorySentinel(category, text string) *sentinel {
	return &sentinel{text: text, matches: func(e *Error) bool { return e.Code.category() == category }}
}

// Sentinel errors for errors.Is. An *Error matches ErrProvider and at most one of the others
// (ErrClosed errors also match ErrInvalidArgument).
var (
	// ErrProvider: any verdict of the provider (a negative code, named or not).
	ErrProvider error = &sentinel{text: "provider verdict", matches: func(e *Error) bool { return e.Code < 0 }}
	// ErrAuthentication: the provider refused the credentials (-16). Never retry it
	// automatically: repeated failures can block the source IP.
	ErrAuthentication error = categorySentinel("authentication", "authentication failed")
	// ErrInvalidRequest: the provider refused the request's form (-1, -2, -3, -4, -17).
	ErrInvalidRequest error = categorySentinel("invalid_request", "invalid request")
	// ErrCertificateState: the certificate's state does not allow the operation (-122).
	ErrCertificateState error = categorySentinel("certificate_state", "certificate in wrong state")
	// ErrProviderOther: any other provider verdict (-14 and codes this library has no name
	// for).
	ErrProviderOther error = categorySentinel("provider_other", "other provider verdict")
	// ErrInvalidArgument: an argument failed a local check (codes 1, 2, 3); nothing was sent.
	ErrInvalidArgument error = categorySentinel("invalid_argument", "invalid argument")
	// ErrInvalidConfig: the client configuration is unusable (code 4).
	ErrInvalidConfig error = categorySentinel("invalid_config", "invalid configuration")
	// ErrConnection: connecting failed (5, nothing was sent) or the connection broke after the
	// request was sent (11, the provider may have acted). Use (*Error).SafeToRetry to tell them
	// apart.
	ErrConnection error = categorySentinel("connection", "connection failed")
	// ErrTimeout: a timeout expired, after the request may have reached the provider (code 6)
	// or before it was sent (code 14). Use (*Error).SafeToRetry to tell them apart.
	ErrTimeout error = categorySentinel("timeout", "timeout")
	// ErrTLS: the TLS handshake failed (code 7).
	ErrTLS error = categorySentinel("tls", "TLS failure")
	// ErrMalformedResponse: the answer was not a provider verdict (codes 8, 9, 10, 12).
	ErrMalformedResponse error = categorySentinel("malformed_response", "malformed response")
	// ErrInternal: a bug in the library (code 13, or a positive code this version does not
	// know).
	ErrInternal error = categorySentinel("internal", "internal error")
	// ErrClosed: the Client was closed before the call; nothing was sent. The *Error carries
	// CodeInvalidArgument, so it also matches ErrInvalidArgument.
	ErrClosed error = &sentinel{text: "client is closed", matches: func(e *Error) bool { return e.closed }}
)

// errorFromC turns a status and the library's message into an error (nil for success), copying
// the message and freeing the library's string with the library's own free function.
func errorFromC(status C.int32_t, message *C.char) error {
	text := ""
	if message != nil {
		text = C.GoString(message)
		C.sectigo_sps_string_free(message)
	}
	if status == C.SECTIGO_SPS_OK {
		return nil
	}
	return &Error{Code: Code(status), Message: text}
}
