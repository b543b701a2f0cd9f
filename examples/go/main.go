// Command example resends the S/MIME invitation email of one order, against the provider or
// the local sandbox.
//
//	cargo build --release -p sectigo-sps-ffi
//	cargo run -p sectigo-sps-sandbox -- --ca-out /tmp/sandbox-ca.pem   # prints its URL
//	export SECTIGO_LOGIN_NAME=sandbox-user SECTIGO_LOGIN_PASSWORD='s3cr&t=p%+ss word'
//	go run . -endpoint https://127.0.0.1:PORT/products/ -ca /tmp/sandbox-ca.pem -order 1000001
//
// Exit status: 0 resent, 1 the provider refused, 2 anything else.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	sectigo "example.invalid/sectigo-sps/go"
)

func main() {
	os.Exit(run())
}

func run() int {
	endpoint := flag.String("endpoint", "", "provider base URL (default: the provider's documented host)")
	caFile := flag.String("ca", "", "PEM file of a CA to trust, such as the sandbox's --ca-out file")
	order := flag.String("order", "1000001", "order number")
	timeout := flag.Duration("timeout", 30*time.Second, "deadline for the call")
	flag.Parse()

	creds := sectigo.Credentials{
		LoginName: os.Getenv("SECTIGO_LOGIN_NAME"),
		Password:  os.Getenv("SECTIGO_LOGIN_PASSWORD"),
	}
	if creds.LoginName == "" || creds.Password == "" {
		fmt.Fprintln(os.Stderr, "set SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD")
		return 2
	}

	opts := sectigo.Options{Endpoint: *endpoint}
	if *caFile != "" {
		opts.CACertFiles = []string{*caFile}
	}
	client, err := sectigo.NewClient(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	err = client.ResendInvitationEmailSMIME(ctx, creds, *order)

	var e *sectigo.Error
	switch {
	case err == nil:
		fmt.Printf("order %s: invitation resent\n", *order)
		return 0
	case errors.Is(err, sectigo.ErrAuthentication):
		// Never retried automatically: repeated failures can block the source IP.
		fmt.Fprintf(os.Stderr, "login refused for %v: %v\n", creds, err)
		return 1
	case errors.Is(err, sectigo.ErrCertificateState):
		fmt.Fprintf(os.Stderr, "order %s cannot be resent in its current state: %v\n", *order, err)
		return 1
	case errors.As(err, &e) && e.Code < 0:
		// Any other verdict, including codes this library has no name for.
		fmt.Fprintf(os.Stderr, "the provider refused with code %d: %s\n", e.Code, e.Message)
		return 1
	case errors.As(err, &e) && e.SafeToRetry():
		// CodeConnectFailed or CodeTimeoutBeforeSend: the request was certainly not sent, so
		// trying again later cannot send a second email.
		fmt.Fprintf(os.Stderr, "not sent, safe to retry later: %v\n", err)
		return 2
	case errors.Is(err, sectigo.ErrTimeout), errors.Is(err, sectigo.ErrConnection):
		// CodeTimeout or CodeConnectionLost: the provider may have sent the email; do not retry
		// blindly.
		fmt.Fprintf(os.Stderr, "no verdict, the email may have been sent: %v\n", err)
		return 2
	default:
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
}
