package transports

import (
	"context"
	"log"
	"net/http"
	"time"
)

// A transport per ticker tick.
func poll(ctx context.Context, url string) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // want `&http.Transport\{...\} builds a new HTTP transport on every iteration of the loop and never closes it`
		resp, err := client.Get(url)
		if err != nil {
			log.Print(err)
			continue
		}
		resp.Body.Close()
	}
}

// A transport per URL of a batch, through a helper called in the loop:
// reported at the call in the loop, with what the helper builds.
func fetchAll(urls []string) {
	for _, u := range urls {
		fetchOne(u) // want `fetchOne builds a new HTTP transport \(&http.Transport\{\} at loops.go:\d+\) on every iteration of the loop and never closes it`
	}
}

func fetchOne(url string) {
	tr := &http.Transport{}
	(&http.Client{Transport: tr}).Get(url)
}

// One transport built before the loop: silent.
func fetchAllShared(urls []string) {
	client := &http.Client{Transport: &http.Transport{}}
	for _, u := range urls {
		client.Get(u)
	}
}

// Lazily built in the loop, then reused by every later iteration.
func lazyInLoop(urls []string) {
	var client *http.Client
	for _, u := range urls {
		if client == nil {
			client = &http.Client{Transport: &http.Transport{}}
		}
		client.Get(u)
	}
}

// One client per upstream, kept in a map for the life of the proxy.
type fanout struct{ clients map[string]*http.Client }

func newFanout(upstreams []string) *fanout {
	p := &fanout{clients: make(map[string]*http.Client)}
	for _, u := range upstreams {
		p.clients[u] = &http.Client{Transport: &http.Transport{}}
	}
	return p
}

// Retry until a client works, then keep it.
func dialRetry(url string) *http.Client {
	for i := 0; ; i++ {
		c := &http.Client{Transport: &http.Transport{}}
		if _, err := c.Get(url); err == nil || i == 3 {
			return c
		}
		time.Sleep(time.Second)
	}
}
