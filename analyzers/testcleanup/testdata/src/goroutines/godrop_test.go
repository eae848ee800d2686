package goroutines

import (
	"os"
	"path/filepath"
	"testing"
)

// Issue 11 §3.19 in a test: a goroutine handed a file closes it on some
// paths only.

func readHeader(f *os.File) (byte, error) {
	b := make([]byte, 1)
	_, err := f.Read(b)
	return b[0], err
}

func TestHeaderGoroutineGivesUp(t *testing.T) {
	name := filepath.Join(t.TempDir(), "h")
	f, err := os.Create(name) // want `f from os.Create is closed by the goroutine it is handed to on some paths only`
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan byte, 1)
	go func() {
		h, err := readHeader(f)
		if err != nil {
			done <- 0
			return
		}
		f.Close()
		done <- h
	}()
	<-done
}

func TestHeaderGoroutineDefers(t *testing.T) {
	name := filepath.Join(t.TempDir(), "h")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan byte, 1)
	go func() {
		defer f.Close()
		h, err := readHeader(f)
		if err != nil {
			done <- 0
			return
		}
		done <- h
	}()
	<-done
}
