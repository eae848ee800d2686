package loud

import (
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keypad is a fake terminal: the test types into it from a goroutine
// while the code under test reads the keys.
type keypad struct{ typed []string }

func (k *keypad) awaitPrompt(s string) error { return nil }
func (k *keypad) press(s string) error       { k.typed = append(k.typed, s); return nil }
func (k *keypad) line() string               { return "gopher" }

// mustOK ends the test when err is not nil; it says nothing otherwise.
func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected: %v", err)
	}
}

// Positive under the flag: the goroutine reports only failures, so it
// reaches a finished test only when the test fails.
func TestTypedAnswer(t *testing.T) {
	kp := &keypad{}
	// category: fail-path
	go func() { // want `goroutine calls require.NoError but the test does not wait for it`
		require.NoError(t, kp.awaitPrompt("name?"))
		require.NoError(t, kp.press("gopher"))
	}()
	if got := kp.line(); got != "gopher" {
		t.Errorf("got %q", got)
	}
}

// Positive under the flag: the failure report is in a helper.
func TestTypedAnswerThroughHelper(t *testing.T) {
	kp := &keypad{}
	// category: fail-path
	go func() { // want `goroutine calls mustOK but the test does not wait for it`
		mustOK(t, kp.press("y"))
	}()
	_ = kp.line()
}

// Positive under the flag: t.Errorf and assert, on failures the test's
// end does not provoke.
func TestDialerReportsOnlyFailures(t *testing.T) {
	addr := "127.0.0.1:1"
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Errorf("dial: %v", err)
			return
		}
		assert.NoError(t, c.Close())
	}()
}

// Positive, normal: the passing path logs.
func TestTypedAnswerLogged(t *testing.T) {
	kp := &keypad{}
	// category: normal
	go func() { // want `goroutine calls t.Logf but the test does not wait for it`
		t.Logf("typing")
		require.NoError(t, kp.press("gopher"))
	}()
	_ = kp.line()
}
