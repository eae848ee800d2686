package kinds

import (
	"io"
	"strings"
	"testing"
)

// io.Pipe in a test (issue 11 §3.24): the writer goroutine blocks until
// the reader is read to its end or closed.

func TestPipePrefixOnly(t *testing.T) {
	pr, pw := io.Pipe() // want `pr from io.Pipe is never closed`
	go func() {
		io.Copy(pw, strings.NewReader("alpha beta gamma"))
		pw.Close()
	}()
	head := make([]byte, 5)
	if _, err := io.ReadFull(pr, head); err != nil {
		t.Error(err)
	}
	if string(head) != "alpha" {
		t.Errorf("head = %q", head)
	}
}

func TestPipeReadToEnd(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		io.Copy(pw, strings.NewReader("alpha beta gamma"))
		pw.Close()
	}()
	all, err := io.ReadAll(pr)
	if err != nil {
		t.Error(err)
	}
	if !strings.HasPrefix(string(all), "alpha") {
		t.Errorf("all = %q", all)
	}
}

func TestPipePrefixClosed(t *testing.T) {
	pr, pw := io.Pipe()
	t.Cleanup(func() { pr.Close() })
	go func() {
		io.Copy(pw, strings.NewReader("alpha beta gamma"))
		pw.Close()
	}()
	head := make([]byte, 5)
	if _, err := io.ReadFull(pr, head); err != nil {
		t.Error(err)
	}
}
