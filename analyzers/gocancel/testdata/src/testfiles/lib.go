// Package testfiles checks that goroutines in _test.go files are left to
// testcleanup.
package testfiles

import "time"

func work() {}

func Spin() {
	go func() { // want `the loop at line 11 has no exit`
		for {
			work()
			time.Sleep(time.Second)
		}
	}()
}
