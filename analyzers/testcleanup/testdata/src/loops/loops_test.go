package loops

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// ---- reported ----

func BenchmarkLoopOpen(b *testing.B) {
	for b.Loop() {
		f, err := os.Open("testdata/x") // want `f from os.Open is created in every b.Loop\(\) iteration and not closed in it: they pile up until the benchmark ends`
		if err != nil {
			b.Fatal(err)
		}
		_ = f.Name()
	}
}

func BenchmarkNListen(b *testing.B) {
	for i := 0; i < b.N; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0") // want `l from net.Listen is created in every b.N iteration and not closed in it`
		if err != nil {
			b.Fatal(err)
		}
		_ = l.Addr()
	}
}

func BenchmarkRangeN(b *testing.B) {
	for range b.N {
		resp, err := http.Get("http://127.0.0.1:1") // want `resp.Body from http.Get is created in every b.N iteration and not closed in it`
		if err != nil {
			b.Fatal(err)
		}
		_ = resp.StatusCode
	}
}

func BenchmarkLoopDeferClose(b *testing.B) {
	for b.Loop() {
		f, err := os.Open("testdata/x")
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close() // want `defer f.Close\(\) inside a b.Loop\(\) runs only when the benchmark function returns`
	}
}

func BenchmarkServerPerIteration(b *testing.B) {
	for b.Loop() {
		srv := httptest.NewServer(http.NotFoundHandler()) // want `srv from httptest.NewServer is created in every b.Loop\(\) iteration`
		_ = srv.URL
	}
}

// ---- silent ----

func BenchmarkLoopClosed(b *testing.B) {
	for b.Loop() {
		f, err := os.Open("testdata/x")
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

func BenchmarkOneServer(b *testing.B) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	for b.Loop() {
		resp, err := http.Get(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}

func BenchmarkPerIterationFunc(b *testing.B) {
	for i := 0; i < b.N; i++ {
		func() {
			f, err := os.Open("testdata/x")
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
		}()
	}
}

func BenchmarkSubBenchmarks(b *testing.B) {
	for _, n := range []int{1, 10} {
		b.Run("n", func(b *testing.B) {
			srv := httptest.NewServer(http.NotFoundHandler())
			defer srv.Close()
			for b.Loop() {
				_ = n
			}
		})
	}
}

func BenchmarkParallel(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c, err := net.Dial("tcp", "127.0.0.1:1")
			if err != nil {
				continue
			}
			c.Close()
		}
	})
}

func TestTableCollectsAndClosesAll(t *testing.T) {
	var servers []*httptest.Server
	for range 3 {
		servers = append(servers, httptest.NewServer(http.NotFoundHandler()))
	}
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
}
