package transfers

import (
	"database/sql"
	"net"
	"os"
	"sync"
)

type server struct {
	mu    sync.Mutex
	ln    net.Listener
	conns map[string]net.Conn
	files []*os.File
}

func (s *server) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

func (s *server) dial(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.conns[addr] = c
	s.mu.Unlock()
	return nil
}

func (s *server) keep(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	s.files = append(s.files, f)
	return nil
}

var global *sql.DB

func storedInGlobal(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	global = db
	return nil
}

type config struct{ DB *sql.DB }

func storedInParam(cfg *config, dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	cfg.DB = db
	return nil
}

// All files are closed by the deferred loop over the local slice.
func closedThroughLocalSlice(paths []string) error {
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	return nil
}
