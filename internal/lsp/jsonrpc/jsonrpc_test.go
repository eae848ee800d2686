package jsonrpc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	req, err := Request(7, "textDocument/codeAction", map[string]string{"a": "é"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(req); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Response(req.ID, nil, nil)); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Response(req.ID, nil, &Error{Code: CodeMethodNotFound, Message: "no"})); err != nil {
		t.Fatal(err)
	}
	r := NewReader(&buf)
	m, err := r.Read()
	if err != nil || !m.IsRequest() || m.Method != "textDocument/codeAction" || string(*m.ID) != "7" || string(m.Params) != `{"a":"é"}` {
		t.Fatalf("request read back as %+v, %v", m, err)
	}
	m, err = r.Read()
	if err != nil || !m.IsResponse() || string(m.Result) != "null" || m.Error != nil {
		t.Fatalf("null result read back as %+v, %v", m, err)
	}
	m, err = r.Read()
	if err != nil || m.Error == nil || m.Error.Code != CodeMethodNotFound || m.Result != nil {
		t.Fatalf("error response read back as %+v, %v", m, err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
}

func TestBadFrames(t *testing.T) {
	for _, tc := range []struct{ name, input, want string }{
		{"no length", "Content-Type: x\r\n\r\n{}", "no Content-Length"},
		{"bad length", "Content-Length: -3\r\n\r\n", "bad Content-Length"},
		{"short body", "Content-Length: 10\r\n\r\n{}", "reading message body"},
		{"header cut", "Content-Length: 2\r\n", "reading message header"},
		{"not a header", "hello\r\n\r\n", "malformed header"},
	} {
		_, err := NewReader(strings.NewReader(tc.input)).Read()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	// A body that is not JSON is a parse error the server can answer,
	// and the next message is still read.
	r := NewReader(strings.NewReader("Content-Length: 3\r\n\r\n{x}Content-Length: 2\r\ncontent-type: a\r\n\r\n{}"))
	_, err := r.Read()
	var rpc *Error
	if !errors.As(err, &rpc) || rpc.Code != CodeParseError {
		t.Errorf("bad JSON: %v, want a parse error", err)
	}
	if m, err := r.Read(); err != nil || m.Method != "" {
		t.Errorf("after a bad body: %+v, %v, want the next message", m, err)
	}
}
