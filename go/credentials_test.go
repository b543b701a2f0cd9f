package sectigo

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestCredentialsNeverFormatThePassword(t *testing.T) {
	creds := Credentials{LoginName: "alice", Password: "hunter2-secret"}
	type config struct {
		Creds Credentials
		Other int
	}
	outputs := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10v", "%-8s"} {
		outputs[verb] = fmt.Sprintf(verb, creds)
		outputs[verb+" of a pointer"] = fmt.Sprintf(verb, &creds)
		outputs[verb+" in a struct"] = fmt.Sprintf(verb, config{Creds: creds})
	}
	outputs["Sprint"] = fmt.Sprint(creds)
	outputs["Sprintln"] = fmt.Sprintln(creds, &creds)
	outputs["slice"] = fmt.Sprintf("%+v", []Credentials{creds})
	outputs["map"] = fmt.Sprintf("%#v", map[string]Credentials{"k": creds})
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("login", "creds", creds)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("login", "creds", creds)
	outputs["slog"] = logged.String()

	for what, text := range outputs {
		if strings.Contains(text, "hunter2") {
			t.Errorf("%s shows the password: %s", what, text)
		}
	}
	if got := outputs["%v"]; got != `{LoginName:"alice" Password:[hidden]}` {
		t.Errorf("%%v = %s", got)
	}
	if got := outputs["%#v"]; got != `sectigo.Credentials{LoginName:"alice", Password:"[hidden]"}` {
		t.Errorf("%%#v = %s", got)
	}
	if !strings.Contains(outputs["slog"], "alice") {
		t.Errorf("slog lost the login name: %s", outputs["slog"])
	}
}

func TestNoErrorContainsThePassword(t *testing.T) {
	client := newSandboxClient(t, nil)
	// Passwords that look like the other fields, so an error quoting a value would show them.
	passwords := []string{"s3cr&t=p%+ss word-WRONG", "1000122", "PASSWORD\nwith newline", strings.Repeat("P", 129), "nul\x00inside"}
	orders := []string{"1000001", "1000122", "abc", "9000002", "", "vector-html_page_http_200"}
	seen := 0
	for _, password := range passwords {
		for _, order := range orders {
			err := client.ResendInvitationEmailSMIME(context.Background(),
				Credentials{LoginName: sandboxLogin, Password: password}, order)
			if err == nil {
				continue
			}
			seen++
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(text, password) {
					t.Errorf("error for order %q shows the password: %s", order, text)
				}
			}
		}
	}
	if seen < len(passwords)*len(orders)-1 {
		t.Errorf("only %d errors", seen)
	}
	// The right password, failing calls: still never echoed.
	for _, order := range []string{"1000122", "9000002", "9000302", ""} {
		err := client.ResendInvitationEmailSMIME(context.Background(), sandboxCreds, order)
		if err == nil || strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), sandboxPassword) {
			t.Errorf("order %q: %v", order, err)
		}
	}
}
