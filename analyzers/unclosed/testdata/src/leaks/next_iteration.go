package leaks

import (
	"net/http"
	"os"
)

func continueSkipsClose(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p) // want `f from os.Open is not closed before the next loop iteration acquires another`
		if err != nil {
			continue
		}
		st, err := f.Stat()
		if err != nil {
			continue
		}
		n += int(st.Size())
		f.Close()
	}
	return n
}

func pollForever(url string) {
	for {
		resp, err := http.Get(url) // want `resp.Body from http.Get is never closed; call resp.Body.Close\(\) before the iteration ends`
		if err != nil {
			continue
		}
		println(resp.StatusCode)
	}
}
