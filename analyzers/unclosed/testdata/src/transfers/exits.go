package transfers

import (
	"log"
	"net"
	"net/http"
	"os"
)

// Paths that end the program owe nothing.
func fatalPath(url string) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != 200 {
		log.Fatalf("status %d", resp.StatusCode)
	}
	resp.Body.Close()
}

func exitPath(path string) {
	f, err := os.Open(path)
	if err != nil {
		os.Exit(1)
	}
	if st, _ := f.Stat(); st == nil {
		panic("no stat")
	}
	f.Close()
}

func die(msg string) {
	println(msg)
	os.Exit(2)
}

func localNoReturnHelper(path string) {
	f, err := os.Open(path)
	if err != nil {
		die(err.Error())
	}
	if st, _ := f.Stat(); st.Size() == 0 {
		die("empty")
	}
	f.Close()
}

// A server loop never returns: the listener lives as long as the process.
func serveForever(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		go handle(c)
	}
}
