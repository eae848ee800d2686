package leaks

import (
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// A function that starts and stops a profile or trace only lent the file
// to it: after the stop nobody writes to it, and nobody closes it.
func profileOnce(path string, work func()) error {
	out, err := os.Create(path) // want `out from os.Create is never closed`
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	work()
	return nil
}

func traceOnce(path string, work func()) error {
	out, err := os.Create(path) // want `out from os.Create is never closed`
	if err != nil {
		return err
	}
	if err := trace.Start(out); err != nil {
		return err
	}
	work()
	trace.Stop()
	return nil
}
