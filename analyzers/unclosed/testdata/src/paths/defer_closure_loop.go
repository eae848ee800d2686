package paths

import (
	"net"
	"os"
)

// RULES: `defer x.Close()` inside a loop piles the resources up until the
// function returns; a deferred closure that closes it is the same defer.

// ---- reported ----

func totalSize(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer func() { _ = f.Close() }() // want `a deferred function literal that closes f inside a loop runs only when the function returns: every f from os.Open stays open until then`
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

func greetAll(addrs []string) error {
	for _, addr := range addrs {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		defer func() { // want `inside a loop runs only when the function returns: every c from net.Dial stays open until then`
			if cerr := c.Close(); cerr != nil {
				println(cerr.Error())
			}
		}()
		if _, err := c.Write([]byte("hi")); err != nil {
			return err
		}
	}
	return nil
}

// ---- silent ----

func totalSizePerCall(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		n, err := sizeOf(name)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func sizeOf(name string) (int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func closeAllAtEnd(names []string) error {
	var files []*os.File
	defer func() {
		for _, f := range files {
			_ = f.Close()
		}
	}()
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	return nil
}
