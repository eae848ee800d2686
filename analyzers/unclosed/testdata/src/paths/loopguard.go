package paths

import (
	"io"
	"net"
	"os"
)

// A release inside a counted loop, under a test of the counter against a
// value the loop is known to reach (`i == len(lines)` in a range over
// append(lines, trailer)): every run that leaves the loop through its
// condition ran that iteration, so the path that leaves without the
// release is one no run takes.

// ---- silent ----

// The extra element makes the loop reach i == len(lines), where the
// connection is closed before the trailer is written.
func sendThenHangUp(addr string, lines []string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	frames := append(lines, "QUIT\r\n")
	for i, line := range frames {
		if i == len(lines) {
			_ = conn.Close()
		}
		_, _ = io.WriteString(os.Stdout, line)
	}
	return nil
}

// The same through a variable a closure reads (a heap cell stored once).
func replayThenClose(path string, records []string, each func(func() int)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	each(func() int { return len(records) })
	steps := append(records, "eof", "sync")
	for n, step := range steps {
		if len(records) == n {
			f.Close()
		}
		_ = step
	}
	return nil
}

// A three-clause loop with constant bounds that closes on its last round.
func threeRounds(path string, step func(int)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for round := 0; round < 3; round++ {
		step(round)
		if round == 2 {
			f.Close()
		}
	}
	return nil
}

// ---- reported ----

// The loop may be empty: i == 0 is never tested.
func closeOnFirst(addr string, lines []string) error {
	conn, err := net.Dial("tcp", addr) // want `conn from net.Dial is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	for i, line := range lines {
		if i == 0 {
			conn.Close()
		}
		_ = line
	}
	return nil
}

// i only reaches len(frames)-1: the guard never holds.
func closeOnePastEnd(addr string, lines []string) error {
	conn, err := net.Dial("tcp", addr) // want `conn from net.Dial is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	frames := append(lines, "QUIT\r\n")
	for i := range frames {
		if i == len(frames) {
			conn.Close()
		}
	}
	return nil
}

// A continue can skip the test in the iteration that would close.
func closeUnlessBlank(path string, records []string) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	steps := append(records, "eof")
	for n, step := range steps {
		if step == "" {
			continue
		}
		if n == len(records) {
			f.Close()
		}
	}
	return nil
}

// The iteration that reaches the guard closes only when asked to.
func closeIfAsked(path string, records []string, shut bool) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	steps := append(records, "eof")
	for n := range steps {
		if n == len(records) {
			if shut {
				f.Close()
			}
		}
	}
	return nil
}

// The constant bound is never reached: round stops at 2.
func roundPastBound(path string, step func(int)) error {
	f, err := os.Create(path) // want `f from os.Create is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	for round := 0; round < 3; round++ {
		step(round)
		if round == 3 {
			f.Close()
		}
	}
	return nil
}

// records is reassigned in the loop: len(records) is not the bound the
// loop was built from.
func closeAfterShrink(path string, records []string) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	steps := append(records, "eof")
	for n := range steps {
		if n == len(records) {
			f.Close()
		}
		records = append(records, "x")
	}
	return nil
}
