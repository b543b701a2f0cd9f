package sectigo

// #include <stdlib.h>
// #include <sectigo_sps.h>
import "C"

import (
	"math"
	"strings"
	"time"
	"unsafe"
)

// Options configures a Client. The zero value means the library's defaults: the provider's
// documented host (https://secure.trust-provider.com/products/), the system trust store, the
// proxy from the environment, 10 s to connect and 30 s per call.
type Options struct {
	// Endpoint is the provider's base URL; the call's path !ResendInvitationEmailSMIME is
	// appended to it. HTTPS only; plain http:// is accepted only for a loopback host (tests,
	// the sandbox). Empty means the documented host.
	Endpoint string

	// Timeout bounds each whole call (0: 30 s). A context deadline can shorten it per call.
	Timeout time.Duration
	// ConnectTimeout bounds resolving, connecting and the TLS handshake (0: 10 s).
	ConnectTimeout time.Duration

	// CACertsPEM adds trusted CA certificates: one or more PEM CERTIFICATE blocks.
	CACertsPEM []byte
	// CACertFiles adds trusted CA certificates from PEM files, read when NewClient runs.
	CACertFiles []string
	// DisableSystemRoots trusts only CACertsPEM and CACertFiles, not the operating system's
	// trust store.
	DisableSystemRoots bool

	// Proxy selects the proxy. The zero value uses the environment (HTTPS_PROXY, ALL_PROXY,
	// HTTP_PROXY, NO_PROXY), like curl and net/http; see NoProxy and ProxyURL.
	Proxy Proxy
}

// Proxy is how a Client reaches the provider. The zero value means "from the environment".
type Proxy struct {
	kind proxyKind
	url  string
}

type proxyKind uint8

const (
	proxyFromEnvironment proxyKind = iota
	proxyNone
	proxyURL
)

// ProxyFromEnvironment uses the proxy named by the environment, read when NewClient runs (the
// same as the zero Proxy).
func ProxyFromEnvironment() Proxy { return Proxy{kind: proxyFromEnvironment} }

// NoProxy connects directly, ignoring the proxy environment variables.
func NoProxy() Proxy { return Proxy{kind: proxyNone} }

// ProxyURL connects through the proxy at url (http://, https://, socks5://, ...). An error
// never repeats the URL, since it may hold a password.
func ProxyURL(url string) Proxy { return Proxy{kind: proxyURL, url: url} }

func configError(message string) error {
	return &Error{Code: CodeInvalidConfig, Message: "invalid configuration: " + message}
}

// milliseconds converts a configured duration for the C ABI: 0 keeps the default, anything
// below a millisecond is rounded up rather than turned into "no time at all".
func milliseconds(name string, d time.Duration) (C.uint32_t, bool, error) {
	switch {
	case d == 0:
		return 0, false, nil
	case d < 0:
		return 0, false, configError(name + " is negative")
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond
	if ms > math.MaxUint32 {
		return 0, false, configError(name + " is longer than the library accepts (about 49 days)")
	}
	return C.uint32_t(ms), true, nil
}

// builder owns a sectigo_sps_client_builder for the time NewClient needs it.
type builder struct {
	ptr *C.sectigo_sps_client_builder
}

// cString copies s for C, refusing NUL bytes (a C string would silently end there).
func cString(name, s string) (*C.char, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, configError(name + " contains a NUL byte")
	}
	return C.CString(s), nil
}

func (b *builder) setString(name, value string, set func(*C.sectigo_sps_client_builder, *C.char, **C.char) C.int32_t) error {
	cs, err := cString(name, value)
	if err != nil {
		return err
	}
	defer C.free(unsafe.Pointer(cs))
	var message *C.char
	return errorFromC(set(b.ptr, cs, &message), message)
}

// build turns Options into a client handle.
func (o *Options) build() (*C.sectigo_sps_client, error) {
	b := builder{ptr: C.sectigo_sps_client_builder_new()}
	if b.ptr == nil {
		return nil, &Error{Code: CodeInternal, Message: "the library could not create a client builder"}
	}
	defer C.sectigo_sps_client_builder_free(b.ptr)

	var message *C.char
	if o.Endpoint != "" {
		err := b.setString("Endpoint", o.Endpoint, func(p *C.sectigo_sps_client_builder, s *C.char, m **C.char) C.int32_t {
			return C.sectigo_sps_client_builder_set_endpoint(p, s, m)
		})
		if err != nil {
			return nil, err
		}
	}
	if ms, set, err := milliseconds("Timeout", o.Timeout); err != nil {
		return nil, err
	} else if set {
		if err := errorFromC(C.sectigo_sps_client_builder_set_timeout_ms(b.ptr, ms, &message), message); err != nil {
			return nil, err
		}
	}
	if ms, set, err := milliseconds("ConnectTimeout", o.ConnectTimeout); err != nil {
		return nil, err
	} else if set {
		if err := errorFromC(C.sectigo_sps_client_builder_set_connect_timeout_ms(b.ptr, ms, &message), message); err != nil {
			return nil, err
		}
	}
	if len(o.CACertsPEM) > 0 {
		err := b.setString("CACertsPEM", string(o.CACertsPEM), func(p *C.sectigo_sps_client_builder, s *C.char, m **C.char) C.int32_t {
			return C.sectigo_sps_client_builder_add_root_certificates_pem(p, s, m)
		})
		if err != nil {
			return nil, err
		}
	}
	for _, path := range o.CACertFiles {
		err := b.setString("CACertFiles", path, func(p *C.sectigo_sps_client_builder, s *C.char, m **C.char) C.int32_t {
			return C.sectigo_sps_client_builder_add_root_certificates_file(p, s, m)
		})
		if err != nil {
			return nil, err
		}
	}
	if o.DisableSystemRoots {
		if err := errorFromC(C.sectigo_sps_client_builder_set_use_system_roots(b.ptr, false, &message), message); err != nil {
			return nil, err
		}
	}
	switch o.Proxy.kind {
	case proxyNone:
		if err := errorFromC(C.sectigo_sps_client_builder_set_proxy_none(b.ptr, &message), message); err != nil {
			return nil, err
		}
	case proxyURL:
		err := b.setString("Proxy", o.Proxy.url, func(p *C.sectigo_sps_client_builder, s *C.char, m **C.char) C.int32_t {
			return C.sectigo_sps_client_builder_set_proxy_url(p, s, m)
		})
		if err != nil {
			return nil, err
		}
	default:
		// From the environment: the builder's default.
	}

	var client *C.sectigo_sps_client
	if err := errorFromC(C.sectigo_sps_client_builder_build(b.ptr, &client, &message), message); err != nil {
		return nil, err
	}
	return client, nil
}
