package kinds

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// A pipe reader handed to a helper that reads it to its end on every
// path (echo's Context.Stream: io.Copy to the response) is drained as by
// io.Copy itself (facts.Func.Drains).

type ticker struct{ out bytes.Buffer }

func (tk *ticker) Publish(kind string, r io.Reader) error {
	fmt.Fprintf(&tk.out, "kind=%s\n", kind)
	_, err := io.Copy(&tk.out, r)
	return err
}

func republish(tk *ticker, r io.Reader) error { return tk.Publish("again", r) }

func (tk *ticker) Header(r io.Reader) (string, error) {
	line := make([]byte, 16)
	n, err := r.Read(line)
	return string(line[:n]), err
}

func (tk *ticker) PublishUnlessQuiet(quiet bool, r io.Reader) error {
	if quiet {
		return nil
	}
	return tk.Publish("loud", r)
}

// Negative: Publish copies the reader to its end.
func TestPipePublished(t *testing.T) {
	var tk ticker
	src, sink := io.Pipe()
	go func() {
		defer sink.Close()
		for n := range 3 {
			fmt.Fprintf(sink, "tick %d\n", n)
		}
	}()
	if err := tk.Publish("ticks", src); err != nil {
		t.Fatal(err)
	}
}

// Negative: drained two calls down.
func TestPipeRepublished(t *testing.T) {
	var tk ticker
	src, sink := io.Pipe()
	go func() {
		fmt.Fprintln(sink, "one tick")
		sink.Close()
	}()
	if err := republish(&tk, src); err != nil {
		t.Error(err)
	}
}

// Positive twin: Header reads 16 bytes; the writer blocks on the rest.
func TestPipeHeaderOnly(t *testing.T) {
	var tk ticker
	src, sink := io.Pipe() // want `src from io.Pipe is never closed`
	go func() {
		defer sink.Close()
		for n := range 100 {
			fmt.Fprintf(sink, "tick %d\n", n)
		}
	}()
	if _, err := tk.Header(src); err != nil {
		t.Error(err)
	}
}

// Positive twin: drained on one path of the helper only.
func TestPipeMaybePublished(t *testing.T) {
	var tk ticker
	src, sink := io.Pipe() // want `src from io.Pipe is never closed`
	go func() {
		fmt.Fprintln(sink, "one tick")
		sink.Close()
	}()
	if err := tk.PublishUnlessQuiet(testing.Short(), src); err != nil {
		t.Error(err)
	}
}
