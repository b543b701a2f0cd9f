package sectigo

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// vector is one line of tests/vectors/vectors.tsv (format: tests/vectors/README.md).
type vector struct {
	name       string
	httpStatus int
	body       string
	code       Code
	message    string
}

// unescape undoes the vectors' escapes: \n \r \t \\ and \xHH (any byte). No other escape
// exists, so anything else is a broken file.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return "", fmt.Errorf("trailing backslash in %q", s)
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\':
			b.WriteByte('\\')
		case 'x':
			if i+2 >= len(s) {
				return "", fmt.Errorf("short \\x escape in %q", s)
			}
			value, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", fmt.Errorf("bad \\x escape in %q: %v", s, err)
			}
			b.WriteByte(byte(value))
			i += 2
		default:
			return "", fmt.Errorf("unknown escape \\%c in %q", s[i], s)
		}
	}
	return b.String(), nil
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "tests", "vectors", "vectors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var vectors []vector
	for number, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 5 {
			t.Fatalf("vectors.tsv line %d: %d fields, want 5", number+1, len(fields))
		}
		status, err1 := strconv.Atoi(fields[1])
		body, err2 := unescape(fields[2])
		code, err3 := strconv.ParseInt(fields[3], 10, 32)
		message, err4 := unescape(fields[4])
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				t.Fatalf("vectors.tsv line %d: %v", number+1, err)
			}
		}
		vectors = append(vectors, vector{fields[0], status, body, Code(code), message})
	}
	return vectors
}

func TestUnescape(t *testing.T) {
	got, err := unescape(`a\nb\r\t\\\x41\xff`)
	if err != nil || got != "a\nb\r\t\\A\xff" {
		t.Fatalf("got %q, %v", got, err)
	}
	for _, bad := range []string{`\q`, `\`, `\x4`, `\xzz`} {
		if _, err := unescape(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSharedVectorsEndToEnd(t *testing.T) {
	vectors := loadVectors(t)
	if len(vectors) < 30 {
		t.Fatalf("only %d vectors", len(vectors))
	}
	client := newSandboxClient(t, nil)
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			code, message := outcome(t, client, sandboxCreds, "vector-"+v.name)
			if code != v.code || message != v.message {
				t.Errorf("got %d %q, want %d %q", code, message, v.code, v.message)
			}
		})
	}
}
