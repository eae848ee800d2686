// Package parts keeps a part of a resource that can release it by
// itself: a started command's Process, reaped by its Wait.
package parts

import (
	"io"
	"os"
	"os/exec"
)

// Streams pages output through an external program.
type Streams struct {
	in     io.WriteCloser
	pager  *os.Process
	viewer *os.Process
	logger *os.Process
}

// StartPager keeps the pager's process in s.pager, which StopPager reaps:
// the obligation moves to the field.
func (s *Streams) StartPager(name string) error {
	cmd := exec.Command(name)
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	s.in = in
	if err := cmd.Start(); err != nil {
		return err
	}
	s.pager = cmd.Process
	return nil
}

// StopPager ends the pager's input and waits for it to exit.
func (s *Streams) StopPager() {
	if s.pager == nil {
		return
	}
	_ = s.in.Close()
	_, _ = s.pager.Wait()
	s.pager = nil
}

// StartViewer keeps the process only to kill it, and Kill does not reap
// it: the process stays a zombie.
func (s *Streams) StartViewer(name string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil { // want `cmd from cmd.Start is never waited for`
		return err
	}
	s.viewer = cmd.Process
	return nil
}

// CloseViewer kills the viewer without waiting for it.
func (s *Streams) CloseViewer() {
	if s.viewer != nil {
		_ = s.viewer.Kill()
	}
}

// StartLogger stores the process where nothing waits for it, and only
// after a return that leaves it behind.
func (s *Streams) StartLogger(name string, quiet bool) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil { // want `cmd from cmd.Start is not waited for on the path that returns at line \d+`
		return err
	}
	if quiet {
		return nil
	}
	s.pager = cmd.Process
	return nil
}
