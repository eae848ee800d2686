// Command lifetimemain: main runs once for the process. A connection
// made per backend in a start-up loop, deferred closed and kept for the
// rest of main (in a slice, by a goroutine), lives as long as the
// process by design; a file deferred closed in a loop that only reads it
// still piles up.
package main

import (
	"io"
	"log"
	"net"
	"os"
	"sync"
)

func serve(conns []net.Conn) {
	for _, c := range conns {
		c.Write([]byte("hello"))
	}
}

func main() {
	var conns []net.Conn
	for _, addr := range os.Args[1:] {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	serve(conns)

	var wg sync.WaitGroup
	for _, addr := range os.Args[1:] {
		c, err := net.Dial("udp", addr)
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			io.Copy(io.Discard, c)
		}()
	}
	wg.Wait()

	for _, p := range os.Args[1:] {
		f, err := os.Open(p)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop runs only when the function returns`
		io.Copy(os.Stdout, f)
	}
}
