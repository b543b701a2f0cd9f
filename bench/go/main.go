// The Go rows of bench/run.sh; prints one JSON line (per-call nanoseconds, peak RSS).
//
//	bench package URL CA N   row 5: the sectigo package (cgo over libsectigo_sps), N calls on one client
//	bench nethttp URL CA N   row 6: net/http with one reused http.Client, N calls doing the same
//	                         POST and parse (the first line of the body as an int)
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	sectigo "example.invalid/sectigo-sps/go"
)

// libraryStamp is set by run.sh to a hash of target/release/libsectigo_sps.a: the go command
// does not track files named in #cgo LDFLAGS, so a changed library would otherwise not be
// relinked from the build cache.
var libraryStamp string

const (
	login    = "sandbox-user"
	password = "s3cr&t=p%+ss word"
	order    = "1000001"
)

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

// peakRSSKiB is VmHWM from /proc/self/status.
func peakRSSKiB() int64 {
	data, _ := os.ReadFile("/proc/self/status")
	scanner := bufio.NewScanner(strings.NewReader(string(data)))
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmHWM:"); ok {
			value, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return value
		}
	}
	return 0
}

func main() {
	if len(os.Args) != 5 {
		die("usage: bench package|nethttp URL CA N")
	}
	mode, base, caPath := os.Args[1], os.Args[2], os.Args[3]
	n, err := strconv.Atoi(os.Args[4])
	if err != nil || n < 1 {
		die("N must be a positive integer")
	}
	ns := make([]int64, 0, n)
	switch mode {
	case "package":
		client, err := sectigo.NewClient(sectigo.Options{
			Endpoint:           base,
			CACertFiles:        []string{caPath},
			DisableSystemRoots: true,
			Proxy:              sectigo.NoProxy(),
		})
		if err != nil {
			die("client: %v", err)
		}
		defer client.Close()
		creds := sectigo.Credentials{LoginName: login, Password: password}
		ctx := context.Background()
		for range n {
			start := time.Now()
			if err := client.ResendInvitationEmailSMIME(ctx, creds, order); err != nil {
				die("call: %v", err)
			}
			ns = append(ns, time.Since(start).Nanoseconds())
		}
	case "nethttp":
		pem, err := os.ReadFile(caPath)
		if err != nil {
			die("%v", err)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			die("%s: no certificate", caPath)
		}
		client := &http.Client{
			Timeout: 30 * time.Second,
			Transport: &http.Transport{
				Proxy:           nil, // direct, like the other rows
				TLSClientConfig: &tls.Config{RootCAs: roots},
			},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
		callURL := base + "!ResendInvitationEmailSMIME"
		form := url.Values{"loginName": {login}, "loginPassword": {password}, "orderNumber": {order}}.Encode()
		for range n {
			start := time.Now()
			response, err := client.Post(callURL, "application/x-www-form-urlencoded", strings.NewReader(form))
			if err != nil {
				die("post: %v", err)
			}
			body, err := io.ReadAll(response.Body)
			response.Body.Close()
			if err != nil {
				die("read: %v", err)
			}
			first, _, _ := strings.Cut(string(body), "\n")
			code, err := strconv.Atoi(strings.TrimSpace(first))
			ns = append(ns, time.Since(start).Nanoseconds())
			if err != nil || code != 0 {
				die("the provider answered %q", body)
			}
		}
	default:
		die("unknown mode %s", mode)
	}
	out, _ := json.Marshal(map[string]any{"ns": ns, "peak_rss_kib": peakRSSKiB()})
	fmt.Println(string(out))
}
