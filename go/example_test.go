package sectigo_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	sectigo "example.invalid/sectigo-sps/go"
)

// Compiled with the tests, not run (it needs a provider or the sandbox).
func Example() {
	client, err := sectigo.NewClient(sectigo.Options{}) // the provider's documented host
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	creds := sectigo.Credentials{
		LoginName: os.Getenv("SECTIGO_LOGIN_NAME"),
		Password:  os.Getenv("SECTIGO_LOGIN_PASSWORD"),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	err = client.ResendInvitationEmailSMIME(ctx, creds, "1000001")
	var e *sectigo.Error
	switch {
	case err == nil:
		fmt.Println("invitation resent")
	case errors.Is(err, sectigo.ErrAuthentication):
		log.Fatal("check the credentials; do not retry automatically: ", err)
	case errors.Is(err, sectigo.ErrCertificateState):
		log.Print("the certificate's state does not allow a resend: ", err)
	case errors.As(err, &e) && e.Code < 0:
		log.Printf("the provider refused: code %d, %q", e.Code, e.Message)
	default:
		log.Fatal(err) // local: configuration, connection, timeout, TLS, ...
	}
}
