package sectigo

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The sandbox's fixed credentials; the password's special characters catch a form that is not
// percent-encoded.
const (
	sandboxLogin    = "sandbox-user"
	sandboxPassword = "s3cr&t=p%+ss word"
)

var sandboxCreds = Credentials{LoginName: sandboxLogin, Password: sandboxPassword}

// sandbox is the one emulator process shared by the tests of this package.
var sandbox struct {
	httpsURL string // https://127.0.0.1:PORT/products/
	plainURL string // http://127.0.0.1:PORT2/products/
	origin   string // https://127.0.0.1:PORT, for the control requests
	caPEM    []byte
	caFile   string
	control  *http.Client
}

func TestMain(m *testing.M) {
	os.Exit(runWithSandbox(m))
}

func runWithSandbox(m *testing.M) int {
	binary := os.Getenv("SECTIGO_SPS_SANDBOX")
	if binary == "" {
		binary = filepath.Join("..", "target", "debug", "sectigo-sps-sandbox")
	}
	if _, err := os.Stat(binary); err != nil {
		fmt.Fprintf(os.Stderr, "sandbox binary %s not found (run `cargo build -p sectigo-sps-sandbox` at the repository root, or set SECTIGO_SPS_SANDBOX): %v\n", binary, err)
		return 2
	}
	dir, err := os.MkdirTemp("", "sectigo-sps-go-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	sandbox.caFile = filepath.Join(dir, "ca.pem")

	cmd := exec.Command(binary, "--port", "0", "--ca-out", sandbox.caFile, "--plain-http",
		"--exit-on-stdin-eof", "--slow-ms", "3000")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "starting the sandbox:", err)
		return 2
	}
	// Closing stdin stops the sandbox (--exit-on-stdin-eof), also if this process dies.
	defer func() {
		stdin.Close()
		_ = cmd.Wait()
	}()

	lines := make(chan []string, 1)
	go func() {
		reader := bufio.NewReader(stdout)
		var got []string
		for len(got) < 2 {
			line, err := reader.ReadString('\n')
			if err != nil {
				break
			}
			got = append(got, strings.TrimSpace(line))
		}
		lines <- got
		_, _ = io.Copy(io.Discard, reader)
	}()
	select {
	case got := <-lines:
		if len(got) != 2 {
			fmt.Fprintf(os.Stderr, "the sandbox printed %q, expected two base URLs\n", got)
			return 2
		}
		sandbox.httpsURL, sandbox.plainURL = got[0], got[1]
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "the sandbox did not print its URLs within 30 s")
		return 2
	}

	sandbox.caPEM, err = os.ReadFile(sandbox.caFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	base, err := url.Parse(sandbox.httpsURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	sandbox.origin = base.Scheme + "://" + base.Host
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(sandbox.caPEM)
	sandbox.control = &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			Proxy:             nil,
			TLSClientConfig:   &tls.Config{RootCAs: roots},
			DisableKeepAlives: true, // no pooled sockets: the leak tests count file descriptors
		},
	}
	return m.Run()
}

// sandboxOptions trust the sandbox's CA only and bypass any proxy of the environment.
func sandboxOptions() Options {
	return Options{
		Endpoint:           sandbox.httpsURL,
		Timeout:            10 * time.Second,
		CACertsPEM:         sandbox.caPEM,
		DisableSystemRoots: true,
		Proxy:              NoProxy(),
	}
}

func newSandboxClient(t *testing.T, adjust func(*Options)) *Client {
	t.Helper()
	opts := sandboxOptions()
	if adjust != nil {
		adjust(&opts)
	}
	client, err := NewClient(opts)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return client
}

// outcome runs one call and returns its code and message (0 and "" for success), failing the
// test when the error is not an *Error.
func outcome(t *testing.T, client *Client, creds Credentials, order string) (Code, string) {
	t.Helper()
	return outcomeOf(t, client.ResendInvitationEmailSMIME(context.Background(), creds, order))
}

func outcomeOf(t *testing.T, err error) (Code, string) {
	t.Helper()
	if err == nil {
		return CodeOK, ""
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	return e.Code, e.Message
}

func controlGet(t *testing.T, path string, into any) {
	t.Helper()
	response, err := sandbox.control.Get(sandbox.origin + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: HTTP %d", path, response.StatusCode)
	}
	if err := json.NewDecoder(response.Body).Decode(into); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

type invitation struct {
	OrderNumber string `json:"order_number"`
	LoginName   string `json:"login_name"`
	UnixMS      int64  `json:"unix_ms"`
}

type recordedRequest struct {
	Method      string      `json:"method"`
	Target      string      `json:"target"`
	ContentType *string     `json:"content_type"`
	Form        [][2]string `json:"form"`
	Code        *int64      `json:"code"`
	HTTPS       bool        `json:"https"`
}

type sandboxStats struct {
	Connections   int64 `json:"connections"`
	TLSHandshakes int64 `json:"tls_handshakes"`
	Requests      int64 `json:"requests"`
}

func invitations(t *testing.T) []invitation {
	t.Helper()
	var got []invitation
	controlGet(t, "/_sandbox/invitations.json", &got)
	return got
}

func requests(t *testing.T) []recordedRequest {
	t.Helper()
	var got []recordedRequest
	controlGet(t, "/_sandbox/requests.json", &got)
	return got
}

func stats(t *testing.T) sandboxStats {
	t.Helper()
	var got sandboxStats
	controlGet(t, "/_sandbox/stats", &got)
	return got
}

// resetSandbox forgets invitations and requests; the counters of /_sandbox/stats keep running,
// so tests compare them before and after.
func resetSandbox(t *testing.T) {
	t.Helper()
	response, err := sandbox.control.Post(sandbox.origin+"/_sandbox/reset", "text/plain", nil)
	if err != nil {
		t.Fatalf("reset: %v", err)
	}
	response.Body.Close()
	if response.StatusCode != http.StatusNoContent {
		t.Fatalf("reset: HTTP %d", response.StatusCode)
	}
}

// assertNothingSent checks that no request reached the sandbox since before was read. Reading
// the statistics opens one connection of its own (keep-alive is off for control requests).
func assertNothingSent(t *testing.T, before sandboxStats) {
	t.Helper()
	after := stats(t)
	if after.Requests != before.Requests || after.Connections != before.Connections+1 {
		t.Errorf("stats went from %+v to %+v: something was sent", before, after)
	}
}
