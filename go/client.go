package sectigo

// #include <stdlib.h>
// #include <sectigo_sps.h>
import "C"

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// Client calls the provider. Build it once with NewClient and share it: it pools connections
// and is safe for concurrent use by many goroutines. Close it when done.
type Client struct {
	// mu is held for reading during every call into the library and for writing by Close, so
	// that freeing the handle never races with a call (the C ABI requires it).
	mu      sync.RWMutex
	handle  *C.sectigo_sps_client
	cleanup runtime.Cleanup
}

// NewClient checks opts and builds a client. Configuration errors are *Error values matching
// ErrInvalidConfig (for example plain http:// to a host that is not loopback, an unreadable
// CA file, or no trusted certificate at all).
func NewClient(opts Options) (*Client, error) {
	handle, err := opts.build()
	if err != nil {
		return nil, err
	}
	c := &Client{handle: handle}
	// A safety net only: a Client that is dropped without Close still frees its handle. The
	// handle is a C pointer, so it does not keep c reachable.
	c.cleanup = runtime.AddCleanup(c, freeClient, handle)
	return c, nil
}

func freeClient(handle *C.sectigo_sps_client) {
	C.sectigo_sps_client_free(handle)
}

// Close frees the client and its pooled connections. It waits for calls in flight to finish;
// calls made afterwards fail with an *Error matching ErrClosed (code CodeInvalidArgument,
// nothing sent). Close is idempotent and always returns nil.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.handle == nil {
		return nil
	}
	c.cleanup.Stop()
	C.sectigo_sps_client_free(c.handle)
	c.handle = nil
	return nil
}

func notSent(err error) error {
	return fmt.Errorf("sectigo-sps: nothing was sent: %w", err)
}

// ResendInvitationEmailSMIME asks the provider to resend the S/MIME invitation email of the
// order orderNumber. It returns nil when the provider answered 0, and otherwise an *Error
// with the provider's code and message unchanged, or a local code (see Code).
//
// Arguments are checked before anything is sent (login name 1 to 64 characters, password 1 to
// 128, order number 1 to 128, no control characters or NUL bytes): a failed check is an *Error
// with CodeInvalidArgument.
//
// The context:
//   - already done: the call returns at once, without a request, with an error wrapping
//     ctx.Err() (errors.Is(err, context.Canceled) and so on);
//   - with a deadline: the remaining time bounds the call (on top of Options.Timeout). When the
//     deadline is what ends the call, the *Error has CodeTimeout (or CodeTimeoutBeforeSend when
//     time ran out while resolving or connecting, before anything was sent) and matches both
//     ErrTimeout and context.DeadlineExceeded;
//   - cancelled while the call runs: the library cannot be interrupted, so cancellation
//     without a deadline is only checked before the call; the call's real result is returned.
//
// The call is never retried: it sends a real email. Retry it yourself only when the *Error's
// SafeToRetry is true.
func (c *Client) ResendInvitationEmailSMIME(ctx context.Context, creds Credentials, orderNumber string) error {
	if err := ctx.Err(); err != nil {
		return notSent(err)
	}
	for _, arg := range [...]struct{ name, value string }{
		{"loginName", creds.LoginName},
		{"loginPassword", creds.Password},
		{"orderNumber", orderNumber},
	} {
		// The value itself is never repeated: it may be the password.
		if strings.IndexByte(arg.value, 0) >= 0 {
			return &Error{Code: CodeInvalidArgument, Message: "invalid argument: " + arg.name + " contains a NUL byte, which a C string cannot carry"}
		}
	}

	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.handle == nil {
		return &Error{Code: CodeInvalidArgument, Message: "the client is closed; nothing was sent", closed: true}
	}

	loginName := C.CString(creds.LoginName)
	defer C.free(unsafe.Pointer(loginName))
	password := C.CString(creds.Password)
	defer freeSecret(password, len(creds.Password))
	order := C.CString(orderNumber)
	defer C.free(unsafe.Pointer(order))

	var status C.int32_t
	var message *C.char
	deadline, bounded := ctx.Deadline()
	if bounded {
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return notSent(context.DeadlineExceeded)
		}
		// Rounded up, so that a timeout reported by the library means the deadline has passed.
		ms := (remaining + time.Millisecond - 1) / time.Millisecond
		if ms > math.MaxUint32 {
			ms = math.MaxUint32
		}
		status = C.sectigo_sps_resend_invitation_email_smime_with_timeout(
			c.handle, loginName, password, order, C.uint32_t(ms), &message)
	} else {
		status = C.sectigo_sps_resend_invitation_email_smime(
			c.handle, loginName, password, order, &message)
	}
	runtime.KeepAlive(c)

	return withDeadlineCause(errorFromC(status, message), bounded, deadline, time.Now())
}

// withDeadlineCause makes a timeout that the context's deadline caused match
// context.DeadlineExceeded as well: a timeout of either code (CodeTimeout, or
// CodeTimeoutBeforeSend when time ran out while resolving or connecting), when the call was
// bounded by a deadline that has passed at now.
func withDeadlineCause(err error, bounded bool, deadline, now time.Time) error {
	if e, ok := err.(*Error); ok && bounded && !now.Before(deadline) && errors.Is(e, ErrTimeout) {
		e.cause = context.DeadlineExceeded
	}
	return err
}

// freeSecret overwrites the C copy of the password before freeing it, so that it does not
// linger in freed memory. (The Go string itself is immutable and cannot be wiped.)
func freeSecret(s *C.char, length int) {
	clear(unsafe.Slice((*byte)(unsafe.Pointer(s)), length))
	C.free(unsafe.Pointer(s))
}
