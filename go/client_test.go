package sectigo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSuccessIsRecordedWithTheExactForm(t *testing.T) {
	client := newSandboxClient(t, nil)
	resetSandbox(t)

	if err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000001"); err != nil {
		t.Fatalf("call: %v", err)
	}

	got := invitations(t)
	if len(got) != 1 || got[0].OrderNumber != "1000001" || got[0].LoginName != sandboxLogin {
		t.Fatalf("invitations = %+v, want one for 1000001 by %s", got, sandboxLogin)
	}
	recorded := requests(t)
	if len(recorded) != 1 {
		t.Fatalf("requests = %+v, want one", recorded)
	}
	r := recorded[0]
	if r.Method != "POST" || r.Target != "/products/!ResendInvitationEmailSMIME" || !r.HTTPS {
		t.Errorf("request = %+v", r)
	}
	wantForm := [][2]string{
		{"loginName", sandboxLogin},
		{"loginPassword", sandboxPassword},
		{"orderNumber", "1000001"},
	}
	if fmt.Sprint(r.Form) != fmt.Sprint(wantForm) {
		t.Errorf("form = %q, want %q", r.Form, wantForm)
	}
}

func TestProviderVerdictsPassThroughUnchanged(t *testing.T) {
	client := newSandboxClient(t, nil)
	resetSandbox(t)
	cases := []struct {
		password, order string
		code            Code
		message         string
		kind            error
	}{
		{sandboxPassword, "1000122", CodeCertificateWrongState, "The Certificate is in wrong state.", ErrCertificateState},
		{sandboxPassword, "1000014", CodeUnknownProviderError, "An unknown error occurred!", ErrProviderOther},
		{sandboxPassword, "1000901", -9901, "The required agreement has not been accepted.", ErrProviderOther},
		{sandboxPassword, "1000902", -9902, "The Certificate has pending actions.", ErrProviderOther},
		{sandboxPassword, "1000903", -9903, "The Certificate has not been issued yet.", ErrProviderOther},
		{"wrong password", "1000001", CodeAuthenticationFailed, "Incorrect login details, account is locked, password has expired or your source IP is blocked.", ErrAuthentication},
		{sandboxPassword, "abc", CodeInvalidArgumentValue, "The value of the 'orderNumber' argument is invalid!", ErrInvalidRequest},
	}
	for _, c := range cases {
		err := client.ResendInvitationEmailSMIME(context.Background(),
			Credentials{LoginName: sandboxLogin, Password: c.password}, c.order)
		code, message := outcomeOf(t, err)
		if code != c.code || message != c.message {
			t.Errorf("order %s: got %d %q, want %d %q", c.order, code, message, c.code, c.message)
		}
		if !errors.Is(err, ErrProvider) || !errors.Is(err, c.kind) {
			t.Errorf("order %s: %v does not match ErrProvider and %v", c.order, err, c.kind)
		}
	}
	if got := invitations(t); len(got) != 0 {
		t.Errorf("invitations = %+v, want none", got)
	}
	if got := requests(t); len(got) != len(cases) {
		t.Errorf("%d requests for %d calls: a verdict must never be retried", len(got), len(cases))
	}
}

func TestPlainHTTPGetsTheProvidersNotHTTPSVerdict(t *testing.T) {
	client := newSandboxClient(t, func(o *Options) { o.Endpoint = sandbox.plainURL })
	code, message := outcome(t, client, sandboxCreds, "1000001")
	if code != CodeNotHTTPS || message != "Request was not made over https!" {
		t.Fatalf("got %d %q", code, message)
	}
}

func TestFaultsGiveTheirLocalCodeAndExactMessage(t *testing.T) {
	client := newSandboxClient(t, func(o *Options) { o.Timeout = time.Second })
	base, _ := url.Parse(sandbox.httpsURL)
	cases := []struct {
		order   string
		code    Code
		message string // "" when only the code is asserted
		kind    error
	}{
		{"9000001", CodeTimeout, "timed out before the answer arrived; the request may have reached the provider", ErrTimeout},
		{"9000500", CodeHTTPStatus, "", ErrMalformedResponse},
		{"9000002", CodeMalformedResponse, `the answer is not a provider verdict (HTTP 200); body: "<<garbage>>"`, ErrMalformedResponse},
		{"9000003", CodeConnectionLost, "", ErrConnection},
		{"9000004", CodeResponseTooLarge, "the answer is larger than the 65536-byte cap (HTTP 200)", ErrMalformedResponse},
		{"9000302", CodeRedirect, fmt.Sprintf(`the provider answered HTTP 302 redirecting to "https://localhost:%s/products/!ResendInvitationEmailSMIME"; redirects are not followed because they would re-send the credentials`, base.Port()), ErrMalformedResponse},
	}
	for _, c := range cases {
		t.Run(c.order, func(t *testing.T) {
			resetSandbox(t)
			before := stats(t)
			started := time.Now()
			err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, c.order)
			elapsed := time.Since(started)
			code, message := outcomeOf(t, err)
			if code != c.code || (c.message != "" && message != c.message) {
				t.Errorf("got %d %q, want %d %q", code, message, c.code, c.message)
			}
			if message == "" {
				t.Errorf("empty message for a local failure")
			}
			if !errors.Is(err, c.kind) || errors.Is(err, ErrProvider) {
				t.Errorf("%v: kind mismatch, want %v and not ErrProvider", err, c.kind)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%v matches context.DeadlineExceeded without a context deadline", err)
			}
			if elapsed > 8*time.Second {
				t.Errorf("took %v with a 1 s timeout", elapsed)
			}
			// Nothing is retried, a redirect is not followed: the sandbox saw exactly one request.
			if got := len(requests(t)); got != 1 {
				t.Errorf("sandbox recorded %d requests, want 1", got)
			}
			if got := stats(t).Requests - before.Requests; got != 1 {
				t.Errorf("sandbox answered %d requests, want 1", got)
			}
		})
	}
}

func TestHTTP500MessageNamesTheStatus(t *testing.T) {
	client := newSandboxClient(t, nil)
	code, message := outcome(t, client, sandboxCreds, "9000500")
	if code != CodeHTTPStatus || !strings.HasPrefix(message, "the provider answered HTTP 500 without a verdict; body: ") {
		t.Fatalf("got %d %q", code, message)
	}
}

func TestUntrustedCertificateIsATLSError(t *testing.T) {
	// No CA given, system roots on: the sandbox's own CA is not trusted.
	client, err := NewClient(Options{Endpoint: sandbox.httpsURL, Proxy: NoProxy()})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	resetSandbox(t)
	err = client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000001")
	code, message := outcomeOf(t, err)
	if code != CodeTLS || !strings.HasPrefix(message, "TLS handshake with the provider failed: ") {
		t.Fatalf("got %d %q", code, message)
	}
	if !errors.Is(err, ErrTLS) {
		t.Errorf("%v does not match ErrTLS", err)
	}
	if got := requests(t); len(got) != 0 {
		t.Errorf("requests = %+v, want none", got)
	}
}

func TestCACertFileIsTrusted(t *testing.T) {
	client := newSandboxClient(t, func(o *Options) {
		o.CACertsPEM = nil
		o.CACertFiles = []string{sandbox.caFile}
	})
	if code, message := outcome(t, client, sandboxCreds, "1000002"); code != CodeOK {
		t.Fatalf("got %d %q", code, message)
	}
}

func TestProxyURLIsUsed(t *testing.T) {
	// A loopback endpoint (the sandbox) never goes through a proxy, so the endpoint here is a
	// host that does not exist and the proxy a listener that records the tunnel it is asked for
	// and refuses it.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	asked := make(chan string, 1)
	go func() {
		conn, err := listener.Accept()
		if err != nil {
			asked <- "accept: " + err.Error()
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		reader := bufio.NewReader(conn)
		line, _ := reader.ReadString('\n')
		asked <- strings.TrimSpace(line)
		// The whole request head first: closing with unread bytes would reset the connection.
		for {
			header, err := reader.ReadString('\n')
			if err != nil || header == "\r\n" {
				break
			}
		}
		_, _ = conn.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
		_, _ = io.Copy(io.Discard, reader) // until the client closes
	}()
	client := newSandboxClient(t, func(o *Options) {
		o.Endpoint = "https://sectigo-sps-proxy-test.invalid/products/"
		o.Proxy = ProxyURL("http://" + listener.Addr().String())
	})
	resetSandbox(t)
	err = client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000001")
	if code, message := outcomeOf(t, err); code != CodeConnectFailed || !errors.Is(err, ErrConnection) || !err.(*Error).SafeToRetry() {
		t.Errorf("got %d %q, want connect_failed (the proxy refused the tunnel)", code, message)
	}
	select {
	case line := <-asked:
		if line != "CONNECT sectigo-sps-proxy-test.invalid:443 HTTP/1.1" {
			t.Errorf("the proxy was asked %q", line)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the proxy was never contacted")
	}
	if got := requests(t); len(got) != 0 {
		t.Errorf("requests = %+v, want none", got)
	}
}

func TestLoopbackEndpointsBypassTheProxy(t *testing.T) {
	// The core's rule: a proxy would reach its own loopback, and over http:// it would see the
	// credentials. A proxy on a closed port is therefore never tried for the sandbox.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := listener.Addr().(*net.TCPAddr).Port
	listener.Close()
	client := newSandboxClient(t, func(o *Options) { o.Proxy = ProxyURL(fmt.Sprintf("http://127.0.0.1:%d", closedPort)) })
	if code, message := outcome(t, client, sandboxCreds, "1000001"); code != CodeOK {
		t.Fatalf("got %d %q, want success without the proxy", code, message)
	}
}

func TestEchoedPasswordIsRedacted(t *testing.T) {
	// Order 9000005: an HTTP 500 page that repeats the password and the encoded form.
	client := newSandboxClient(t, nil)
	err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "9000005")
	code, message := outcomeOf(t, err)
	if code != CodeHTTPStatus || !errors.Is(err, ErrMalformedResponse) || err.(*Error).SafeToRetry() {
		t.Errorf("got %d %q, want http_status, not safe to retry", code, message)
	}
	if !strings.HasPrefix(message, "the provider answered HTTP 500 without a verdict; body: ") || !strings.Contains(message, "<redacted>") {
		t.Errorf("message %q does not show the redacted page", message)
	}
	encoded := url.QueryEscape(sandboxPassword)
	for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(text, sandboxPassword) || strings.Contains(text, encoded) || strings.Contains(text, "s3cr") {
			t.Errorf("the error shows (part of) the password: %s", text)
		}
	}
}

func TestConfigurationErrors(t *testing.T) {
	cases := []struct {
		name   string
		opts   Options
		secret string // must not appear in the message
	}{
		{"plain http to a remote host", Options{Endpoint: "http://secure.trust-provider.com/products/", Proxy: NoProxy()}, ""},
		{"not a URL", Options{Endpoint: "::not a url::"}, ""},
		{"NUL in the endpoint", Options{Endpoint: "https://example.com/\x00"}, ""},
		{"PEM that is not base64", Options{CACertsPEM: []byte("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")}, ""},
		{"text without a certificate", Options{CACertsPEM: []byte("hello")}, ""},
		{"missing CA file", Options{CACertFiles: []string{"/nonexistent/ca.pem"}}, ""},
		{"no trusted certificate at all", Options{DisableSystemRoots: true}, ""},
		{"negative timeout", Options{Timeout: -time.Second}, ""},
		{"negative connect timeout", Options{ConnectTimeout: -time.Second}, ""},
		{"timeout too long", Options{Timeout: 50 * 24 * time.Hour}, ""},
		{"bad proxy URL", Options{Proxy: ProxyURL("http://user:hunter2@[::1")}, "hunter2"},
		{"NUL in the proxy URL", Options{Proxy: ProxyURL("http://user:hunter2@proxy\x00")}, "hunter2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client, err := NewClient(c.opts)
			if err == nil {
				client.Close()
				t.Fatal("NewClient succeeded")
			}
			code, message := outcomeOf(t, err)
			if code != CodeInvalidConfig || !errors.Is(err, ErrInvalidConfig) || message == "" {
				t.Fatalf("got %v, want invalid_config", err)
			}
			if c.secret != "" && strings.Contains(err.Error(), c.secret) {
				t.Fatalf("%q repeats the proxy password", err)
			}
		})
	}
}

func TestZeroOptionsMeanTheProvidersDefaults(t *testing.T) {
	// Builds without network access: nothing is sent until a call.
	client, err := NewClient(Options{})
	if err != nil {
		t.Fatalf("NewClient(Options{}): %v", err)
	}
	if err := client.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestContextDeadlineBoundsTheCall(t *testing.T) {
	client := newSandboxClient(t, func(o *Options) { o.Timeout = 20 * time.Second })
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	started := time.Now()
	err := client.ResendInvitationEmailSMIME(ctx, sandboxCreds, "9000001") // answers after 3 s
	elapsed := time.Since(started)
	if code, _ := outcomeOf(t, err); code != CodeTimeout {
		t.Fatalf("got %v, want a timeout", err)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("%v should match ErrTimeout and context.DeadlineExceeded", err)
	}
	if err.(*Error).SafeToRetry() {
		t.Errorf("%v: the request was sent, so it is not safe to retry", err)
	}
	if elapsed < 450*time.Millisecond || elapsed > 2*time.Second {
		t.Errorf("took %v with a 500 ms deadline (the slow order answers after 3 s)", elapsed)
	}
}

func TestADoneContextSendsNothing(t *testing.T) {
	client := newSandboxClient(t, nil)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()

	before := stats(t)
	for _, c := range []struct {
		ctx  context.Context
		want error
	}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
		err := client.ResendInvitationEmailSMIME(c.ctx, sandboxCreds, "1000001")
		if !errors.Is(err, c.want) {
			t.Errorf("got %v, want %v", err, c.want)
		}
		var e *Error
		if errors.As(err, &e) || errors.Is(err, ErrTimeout) {
			t.Errorf("%v: nothing was sent, so it is not a library *Error", err)
		}
	}
	assertNothingSent(t, before)
}

func TestInvalidArgumentsAreRefusedLocally(t *testing.T) {
	client := newSandboxClient(t, nil)
	long := func(n int) string { return strings.Repeat("9", n) }
	cases := []struct {
		name, login, password, order string
		code                         Code
		message                      string
	}{
		{"empty login", "", sandboxPassword, "1000001", CodeInvalidArgument, "invalid argument: loginName must not be empty"},
		{"empty password", sandboxLogin, "", "1000001", CodeInvalidArgument, "invalid argument: loginPassword must not be empty"},
		{"empty order", sandboxLogin, sandboxPassword, "", CodeInvalidArgument, "invalid argument: orderNumber must not be empty"},
		{"65-character login", strings.Repeat("n", 65), sandboxPassword, "1000001", CodeInvalidArgument, "invalid argument: loginName is 65 characters long; the provider accepts at most 64"},
		{"129-character password", sandboxLogin, strings.Repeat("p", 129), "1000001", CodeInvalidArgument, "invalid argument: loginPassword is 129 characters long; the provider accepts at most 128"},
		{"129-character order", sandboxLogin, sandboxPassword, long(129), CodeInvalidArgument, "invalid argument: orderNumber is 129 characters long; the provider accepts at most 128"},
		{"newline in order", sandboxLogin, sandboxPassword, "10\n00001", CodeInvalidArgument, ""},
		{"NUL in login", "sandbox\x00-user", sandboxPassword, "1000001", CodeInvalidArgument, "invalid argument: loginName contains a NUL byte, which a C string cannot carry"},
		{"NUL in password", sandboxLogin, "s3cr\x00t", "1000001", CodeInvalidArgument, "invalid argument: loginPassword contains a NUL byte, which a C string cannot carry"},
		{"NUL in order", sandboxLogin, sandboxPassword, "1000\x00001", CodeInvalidArgument, "invalid argument: orderNumber contains a NUL byte, which a C string cannot carry"},
		{"invalid UTF-8", "sandbox-\xff", sandboxPassword, "1000001", CodeInvalidUTF8, ""},
	}
	before := stats(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := client.ResendInvitationEmailSMIME(context.Background(),
				Credentials{LoginName: c.login, Password: c.password}, c.order)
			code, message := outcomeOf(t, err)
			if code != c.code || (c.message != "" && message != c.message) {
				t.Errorf("got %d %q, want %d %q", code, message, c.code, c.message)
			}
			if !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("%v does not match ErrInvalidArgument", err)
			}
			if c.password != "" && strings.Contains(err.Error(), c.password) {
				t.Errorf("%q contains the password", err)
			}
		})
	}
	assertNothingSent(t, before)
}

func TestGoroutinesShareOneClient(t *testing.T) {
	client := newSandboxClient(t, nil)
	resetSandbox(t)
	const goroutines, callsEach = 32, 3
	type job struct {
		password, order string
		code            Code
	}
	jobs := []job{
		{sandboxPassword, "1000001", CodeOK},
		{sandboxPassword, "1000122", CodeCertificateWrongState},
		{"not the password", "1000002", CodeAuthenticationFailed},
	}
	var wg sync.WaitGroup
	failures := make(chan string, goroutines*callsEach)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range callsEach {
				j := jobs[(g+i)%len(jobs)]
				err := client.ResendInvitationEmailSMIME(context.Background(),
					Credentials{LoginName: sandboxLogin, Password: j.password}, j.order)
				var code Code
				if err != nil {
					var e *Error
					if !errors.As(err, &e) {
						failures <- fmt.Sprintf("%v is not an *Error", err)
						continue
					}
					code = e.Code
				}
				if code != j.code {
					failures <- fmt.Sprintf("order %s: got %v, want code %d", j.order, err, j.code)
				}
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	if got, want := len(invitations(t)), goroutines*callsEach/len(jobs); got != want {
		t.Errorf("%d invitations recorded, want %d", got, want)
	}
}

// waitForInvitation waits until the sandbox has recorded an invitation for order (the slow
// order records it when the request arrives, before answering).
func waitForInvitation(t *testing.T, order string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, got := range invitations(t) {
			if got.OrderNumber == order {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no invitation for %s after 10 s", order)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// openFiles lists this process's file descriptors, to see pooled connections released.
func openFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	var files []string
	for _, entry := range entries {
		target, _ := os.Readlink("/proc/self/fd/" + entry.Name())
		files = append(files, entry.Name()+"->"+target)
	}
	return files
}

// filesAtRest lists the open file descriptors once the control requests' sockets, which
// net/http closes in the background, are gone.
func filesAtRest(t *testing.T) []string {
	t.Helper()
	time.Sleep(200 * time.Millisecond)
	return openFiles(t)
}

// waitForFiles waits until at most want descriptors are open, and fails after 5 s.
func waitForFiles(t *testing.T, want []string, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := openFiles(t)
		if len(got) <= len(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: open files %v, before the client %v", what, got, want)
		}
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCloseWhileCallsAreInFlight(t *testing.T) {
	resetSandbox(t)
	baseline := filesAtRest(t)
	client, err := NewClient(sandboxOptions())
	if err != nil {
		t.Fatal(err)
	}

	// One slow call (3 s) that Close must wait for, and callers that keep going until closed.
	slowDone := make(chan error, 1)
	go func() { slowDone <- client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "9000001") }()
	var wg sync.WaitGroup
	unexpected := make(chan error, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000122")
				if errors.Is(err, ErrClosed) {
					return
				}
				if !errors.Is(err, ErrCertificateState) {
					unexpected <- err
					return
				}
			}
		}()
	}
	waitForInvitation(t, "9000001") // the slow call is in the library now
	started := time.Now()
	if err := client.Close(); err != nil {
		t.Fatal(err)
	}
	waited := time.Since(started)
	wg.Wait()
	close(unexpected)
	for err := range unexpected {
		t.Errorf("call during Close: %v", err)
	}
	if err := <-slowDone; err != nil {
		t.Errorf("the slow call in flight was not allowed to finish: %v", err)
	}
	if waited < time.Second {
		t.Errorf("Close returned after %v, before the 3 s call in flight finished", waited)
	}

	// Idempotent, and later calls fail cleanly without sending anything.
	if err := client.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	before := stats(t)
	err = client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000001")
	code, message := outcomeOf(t, err)
	if code != CodeInvalidArgument || message != "the client is closed; nothing was sent" ||
		!errors.Is(err, ErrClosed) || !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("call after Close: %v", err)
	}
	assertNothingSent(t, before)
	waitForFiles(t, baseline, "after Close, pooled connections leaked")
}

func TestCleanupFreesAClientThatWasNotClosed(t *testing.T) {
	baseline := filesAtRest(t)
	func() {
		client, err := NewClient(sandboxOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, "1000003"); err != nil {
			t.Fatal(err)
		}
	}()
	if len(openFiles(t)) == len(baseline) {
		t.Skip("the library did not keep a pooled connection, so there is nothing to observe")
	}
	waitForFiles(t, baseline, "an unclosed client's connection is still open after GC: the cleanup did not run")
}
