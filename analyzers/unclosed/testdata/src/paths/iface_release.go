package paths

import "os"

// A release under another name reached through an interface: the
// implementation of WriteAndClose closes the file the wrapper holds.

type journal interface {
	WriteAndClose(entry string) error
}

type fileJournal struct{ f *os.File }

func (j fileJournal) WriteAndClose(entry string) error {
	_, err := j.f.WriteString(entry)
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

type spool interface {
	Flush(line string) error
}

// fileSpool writes but leaves the file open.
type fileSpool struct{ f *os.File }

func (s *fileSpool) Flush(line string) error {
	_, err := s.f.WriteString(line)
	return err
}

// ---- silent ----

func appendEntry(path, entry string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	var j journal = fileJournal{f}
	return j.WriteAndClose(entry)
}

func appendVia(j journal, entry string) error { return j.WriteAndClose(entry) }

func appendThroughParam(path, entry string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return appendVia(fileJournal{f: f}, entry)
}

// ---- reported ----

func spoolLine(path, line string) error {
	f, err := os.Create(path) // want `f from os.Create is never closed`
	if err != nil {
		return err
	}
	var s spool = &fileSpool{f: f}
	return s.Flush(line)
}
