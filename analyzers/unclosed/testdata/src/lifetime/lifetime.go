// Package lifetime: what init, package-level initialisers and sync.Once
// bodies acquire lives as long as the process; unclosed stays silent
// there, and reports the same code where it runs per call.
package lifetime

import (
	"io"
	"net/http"
	"os"
	"sync"
)

var hostname string

// Negative: init runs once; the descriptor lives as long as the process.
func init() {
	f, err := os.Open("/etc/hostname")
	if err != nil {
		return
	}
	b, _ := io.ReadAll(f)
	hostname = string(b)
}

// Negative: a package-level initialiser calls readMOTD, and nothing else
// does.
var motd = readMOTD()

func readMOTD() string {
	f, err := os.Open("/etc/motd")
	if err != nil {
		return ""
	}
	b, _ := io.ReadAll(f)
	return string(b)
}

var (
	once   sync.Once
	region string
)

// Negative: the sync.Once body runs once per process.
func Region() string {
	once.Do(func() {
		resp, err := http.Get("http://169.254.169.254/latest/meta-data/placement/region")
		if err != nil {
			return
		}
		b, _ := io.ReadAll(resp.Body)
		region = string(b)
	})
	return region
}

// Positive twin: the same read, but an exported function anyone may
// call many times.
func Zone() string {
	resp, err := http.Get("http://169.254.169.254/latest/meta-data/placement/availability-zone") // want `resp.Body from http.Get is never closed`
	if err != nil {
		return ""
	}
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// Positive: a handler registered from init runs per request; it is not
// process lifetime because the closure escapes.
func init() {
	http.HandleFunc("/motd", func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open("/etc/motd") // want `f from os.Open is never closed`
		if err != nil {
			return
		}
		io.Copy(w, f)
	})
}
