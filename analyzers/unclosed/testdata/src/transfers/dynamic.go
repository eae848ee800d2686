package transfers

import (
	"io"
	"net/http"
	"os"
)

// Spool is an interface whose only implementation in this package keeps
// what it is given: the call may keep it, so it is a hand-off.
type Spool interface{ Add(f *os.File) }

type fileSpool struct{ files []*os.File }

func (s *fileSpool) Add(f *os.File) { s.files = append(s.files, f) }

func handedToKeepingImplementation(s Spool, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	s.Add(f)
	return nil
}

// A func value started as a goroutine or deferred is the consumer that
// usually closes it: not borrowed.
func handedToGoFuncValue(url string, consume func(*http.Response)) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go consume(resp)
	return nil
}

func handedToDeferredFuncValue(path string, finish func(io.Closer)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer finish(f)
	return nil
}

// An option value whose method stores what it holds into the object it
// configures: the constructor's result keeps the file.
type LogOption interface{ applyTo(l *RotatingLog) }

type sinkOption struct{ w io.WriteCloser }

func (o sinkOption) applyTo(l *RotatingLog) { l.sink = o.w }

type RotatingLog struct{ sink io.WriteCloser }

func NewRotatingLog(opts ...LogOption) *RotatingLog {
	l := &RotatingLog{}
	for _, o := range opts {
		o.applyTo(l)
	}
	return l
}

func (l *RotatingLog) Close() error { return l.sink.Close() }

func openRotatingLog(path string) (*RotatingLog, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return NewRotatingLog(sinkOption{w: f}), nil
}
