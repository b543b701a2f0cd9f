package sectigo

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// goConstants maps each header constant to the Go constant that must equal it.
var goConstants = map[string]Code{
	"SECTIGO_SPS_OK":                      CodeOK,
	"SECTIGO_SPS_NOT_HTTPS":               CodeNotHTTPS,
	"SECTIGO_SPS_UNRECOGNISED_ARGUMENT":   CodeUnrecognisedArgument,
	"SECTIGO_SPS_MISSING_ARGUMENT":        CodeMissingArgument,
	"SECTIGO_SPS_INVALID_ARGUMENT_VALUE":  CodeInvalidArgumentValue,
	"SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR":  CodeUnknownProviderError,
	"SECTIGO_SPS_AUTHENTICATION_FAILED":   CodeAuthenticationFailed,
	"SECTIGO_SPS_NOT_POST":                CodeNotPost,
	"SECTIGO_SPS_CERTIFICATE_WRONG_STATE": CodeCertificateWrongState,
	"SECTIGO_SPS_INVALID_ARGUMENT":        CodeInvalidArgument,
	"SECTIGO_SPS_NULL_POINTER":            CodeNullPointer,
	"SECTIGO_SPS_INVALID_UTF8":            CodeInvalidUTF8,
	"SECTIGO_SPS_INVALID_CONFIG":          CodeInvalidConfig,
	"SECTIGO_SPS_CONNECT_FAILED":          CodeConnectFailed,
	"SECTIGO_SPS_TIMEOUT":                 CodeTimeout,
	"SECTIGO_SPS_TLS":                     CodeTLS,
	"SECTIGO_SPS_HTTP_STATUS":             CodeHTTPStatus,
	"SECTIGO_SPS_MALFORMED_RESPONSE":      CodeMalformedResponse,
	"SECTIGO_SPS_RESPONSE_TOO_LARGE":      CodeResponseTooLarge,
	"SECTIGO_SPS_CONNECTION_LOST":         CodeConnectionLost,
	"SECTIGO_SPS_REDIRECT":                CodeRedirect,
	"SECTIGO_SPS_INTERNAL":                CodeInternal,
	"SECTIGO_SPS_TIMEOUT_BEFORE_SEND":     CodeTimeoutBeforeSend,
}

func TestCodeConstantsEqualTheHeaders(t *testing.T) {
	header := headerConstants()
	if len(header) != len(goConstants) {
		t.Fatalf("%d header constants, %d Go constants", len(header), len(goConstants))
	}
	for name, value := range header {
		goValue, ok := goConstants[name]
		if !ok {
			t.Errorf("no Go constant for %s", name)
			continue
		}
		if int32(goValue) != value {
			t.Errorf("%s = %d in the header, %d in Go", name, value, goValue)
		}
	}
}

func TestCodeNamesComeFromTheLibrary(t *testing.T) {
	// The library's name is the header constant's name without the prefix, in lower case.
	for name, code := range goConstants {
		want := map[string]string{"SECTIGO_SPS_OK": "ok"}[name]
		if want == "" {
			want = toLower(name[len("SECTIGO_SPS_"):])
		}
		if got := code.Name(); got != want {
			t.Errorf("%d.Name() = %q, want %q", code, got, want)
		}
	}
	for code, want := range map[Code]string{-9901: "provider_unlisted", -42: "provider_unlisted", 999: "unknown"} {
		if got := code.Name(); got != want {
			t.Errorf("%d.Name() = %q, want %q", code, got, want)
		}
	}
	if got := CodeAuthenticationFailed.String(); got != "-16 (authentication_failed)" {
		t.Errorf("String() = %q", got)
	}
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestVersionMatchesTheHeader(t *testing.T) {
	if Version() != headerVersion() || Version() == "" {
		t.Fatalf("library %q, header %q", Version(), headerVersion())
	}
}

var allSentinels = map[string]error{
	"ErrProvider": ErrProvider, "ErrAuthentication": ErrAuthentication,
	"ErrInvalidRequest": ErrInvalidRequest, "ErrCertificateState": ErrCertificateState,
	"ErrProviderOther": ErrProviderOther, "ErrInvalidArgument": ErrInvalidArgument,
	"ErrInvalidConfig": ErrInvalidConfig, "ErrConnection": ErrConnection, "ErrTimeout": ErrTimeout,
	"ErrTLS": ErrTLS, "ErrMalformedResponse": ErrMalformedResponse, "ErrInternal": ErrInternal,
	"ErrClosed": ErrClosed,
}

func TestSentinelsMatchByCategory(t *testing.T) {
	cases := []struct {
		code Code
		want []string
	}{
		{CodeNotHTTPS, []string{"ErrProvider", "ErrInvalidRequest"}},
		{CodeUnrecognisedArgument, []string{"ErrProvider", "ErrInvalidRequest"}},
		{CodeMissingArgument, []string{"ErrProvider", "ErrInvalidRequest"}},
		{CodeInvalidArgumentValue, []string{"ErrProvider", "ErrInvalidRequest"}},
		{CodeNotPost, []string{"ErrProvider", "ErrInvalidRequest"}},
		{CodeUnknownProviderError, []string{"ErrProvider", "ErrProviderOther"}},
		{-9901, []string{"ErrProvider", "ErrProviderOther"}},
		{CodeAuthenticationFailed, []string{"ErrProvider", "ErrAuthentication"}},
		{CodeCertificateWrongState, []string{"ErrProvider", "ErrCertificateState"}},
		{CodeInvalidArgument, []string{"ErrInvalidArgument"}},
		{CodeNullPointer, []string{"ErrInvalidArgument"}},
		{CodeInvalidUTF8, []string{"ErrInvalidArgument"}},
		{CodeInvalidConfig, []string{"ErrInvalidConfig"}},
		{CodeConnectFailed, []string{"ErrConnection"}},
		{CodeConnectionLost, []string{"ErrConnection"}},
		{CodeTimeout, []string{"ErrTimeout"}},
		{CodeTimeoutBeforeSend, []string{"ErrTimeout"}},
		{CodeTLS, []string{"ErrTLS"}},
		{CodeHTTPStatus, []string{"ErrMalformedResponse"}},
		{CodeMalformedResponse, []string{"ErrMalformedResponse"}},
		{CodeResponseTooLarge, []string{"ErrMalformedResponse"}},
		{CodeRedirect, []string{"ErrMalformedResponse"}},
		{CodeInternal, []string{"ErrInternal"}},
		{999, []string{"ErrInternal"}},
	}
	for _, c := range cases {
		// Wrapped once more, as callers often do.
		err := fmt.Errorf("resending: %w", &Error{Code: c.code, Message: "m"})
		want := map[string]bool{}
		for _, name := range c.want {
			want[name] = true
		}
		for name, sentinel := range allSentinels {
			if got := errors.Is(err, sentinel); got != want[name] {
				t.Errorf("code %d: errors.Is(err, %s) = %v, want %v", c.code, name, got, want[name])
			}
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != c.code || e.Message != "m" {
			t.Errorf("code %d: errors.As gave %+v", c.code, e)
		}
		if !errors.Is(err, &Error{Code: c.code}) || errors.Is(err, &Error{Code: c.code + 1000}) {
			t.Errorf("code %d: matching by code is wrong", c.code)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("code %d: matches context.DeadlineExceeded without a context", c.code)
		}
	}
}

func TestSafeToRetryIsTheLibrarysRule(t *testing.T) {
	var safe []Code
	for code := Code(-200); code < 200; code++ {
		if code.SafeToRetry() {
			safe = append(safe, code)
		}
		if got := (&Error{Code: code}).SafeToRetry(); got != code.SafeToRetry() {
			t.Errorf("code %d: (*Error).SafeToRetry() = %v, Code.SafeToRetry() = %v", code, got, code.SafeToRetry())
		}
	}
	if len(safe) != 2 || safe[0] != CodeConnectFailed || safe[1] != CodeTimeoutBeforeSend {
		t.Errorf("safe to retry: %v, want only CodeConnectFailed and CodeTimeoutBeforeSend", safe)
	}
	for code, want := range map[Code]bool{5: true, 14: true, 6: false, 11: false, -16: false, 0: false} {
		err := fmt.Errorf("wrapped: %w", &Error{Code: code, Message: "m"})
		var e *Error
		if !errors.As(err, &e) || e.SafeToRetry() != want {
			t.Errorf("code %d: SafeToRetry() = %v, want %v", code, e.SafeToRetry(), want)
		}
	}
	var none *Error
	if none.SafeToRetry() {
		t.Error("a nil *Error is safe to retry")
	}
	if (&Error{Code: CodeInvalidArgument, closed: true}).SafeToRetry() {
		t.Error("a call on a closed client is safe to retry")
	}
}

func TestDeadlineTimeoutsMatchDeadlineExceeded(t *testing.T) {
	deadline := time.Now()
	for _, c := range []struct {
		code    Code
		bounded bool
		now     time.Time
		want    bool
	}{
		{CodeTimeout, true, deadline, true},
		{CodeTimeoutBeforeSend, true, deadline.Add(time.Millisecond), true},
		{CodeTimeoutBeforeSend, true, deadline.Add(-time.Millisecond), false}, // the client's own timeout, before the deadline
		{CodeTimeoutBeforeSend, false, deadline, false},                       // no deadline at all
		{CodeConnectFailed, true, deadline, false},
		{CodeConnectionLost, true, deadline, false},
	} {
		err := withDeadlineCause(&Error{Code: c.code, Message: "m"}, c.bounded, deadline, c.now)
		if got := errors.Is(err, context.DeadlineExceeded); got != c.want {
			t.Errorf("code %d, bounded %v, now-deadline %v: errors.Is(err, context.DeadlineExceeded) = %v, want %v",
				c.code, c.bounded, c.now.Sub(deadline), got, c.want)
		}
		if c.want && !errors.Is(err, ErrTimeout) {
			t.Errorf("code %d: does not match ErrTimeout", c.code)
		}
	}
	if withDeadlineCause(nil, true, deadline, deadline) != nil {
		t.Error("success became an error")
	}
}

func TestEverySentinelCategoryExistsInTheLibrary(t *testing.T) {
	// A category name typed here that the library never returns would make a sentinel that
	// matches nothing.
	seen := map[string]bool{}
	for code := Code(-200); code <= 20; code++ {
		seen[code.category()] = true
	}
	for _, name := range []string{"authentication", "invalid_request", "certificate_state", "provider_other",
		"invalid_argument", "invalid_config", "connection", "timeout", "tls", "malformed_response", "internal", "success"} {
		if !seen[name] {
			t.Errorf("the library never returns category %q", name)
		}
	}
	if len(seen) != 12 {
		t.Errorf("the library has categories %v; a new one needs a sentinel", seen)
	}
}

func TestErrorText(t *testing.T) {
	cases := map[string]*Error{
		"sectigo-sps: code -16 (authentication_failed): Incorrect login details.": {Code: -16, Message: "Incorrect login details."},
		"sectigo-sps: code -9901 (provider_unlisted): New.":                       {Code: -9901, Message: "New."},
		"sectigo-sps: code -16 (authentication_failed)":                           {Code: -16},
		"sectigo-sps: code 6 (timeout): timed out":                                {Code: 6, Message: "timed out"},
	}
	for want, err := range cases {
		if got := err.Error(); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
