package sectigo

import (
	"fmt"
	"log/slog"
	"strconv"
)

// Credentials are the partner account's login: the loginName and loginPassword parameters
// (case sensitive; at most 64 and 128 characters).
//
// Formatting a Credentials value with any fmt verb, or logging it with log/slog, shows the login
// name and hides the password. fmt cannot call methods of a value stored in an unexported
// struct field, so do not embed Credentials in an unexported field of a struct you print.
type Credentials struct {
	LoginName string
	Password  string
}

const hiddenPassword = "[hidden]"

// String shows the login name only: {LoginName:"name" Password:[hidden]}.
func (c Credentials) String() string {
	return "{LoginName:" + strconv.Quote(c.LoginName) + " Password:" + hiddenPassword + "}"
}

// GoString is used by %#v.
func (c Credentials) GoString() string {
	return "sectigo.Credentials{LoginName:" + strconv.Quote(c.LoginName) + ", Password:\"" + hiddenPassword + "\"}"
}

// Format applies to every verb (%v, %+v, %#v, %s, %q, %d, %x ...), so that no verb falls back to
// printing the fields.
func (c Credentials) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = f.Write([]byte(c.GoString()))
	case verb == 'q':
		_, _ = f.Write([]byte(strconv.Quote(c.String())))
	default:
		_, _ = f.Write([]byte(c.String()))
	}
}

// LogValue keeps the password out of log/slog records.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("login_name", c.LoginName),
		slog.String("password", hiddenPassword),
	)
}
