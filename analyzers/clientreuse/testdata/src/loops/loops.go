// Package loops: pools built per iteration in the shapes loops take.
package loops

import (
	"context"
	"database/sql"
	"iter"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

// A function literal called on every iteration.
func perItemClosure(items []string) {
	for _, it := range items {
		func() { // want `the function literal builds a new database pool \(sql.Open at loops.go:\d+\) on every iteration of the loop and closes it again`
			db, err := sql.Open("postgres", it)
			if err != nil {
				return
			}
			defer db.Close()
			db.Ping()
		}()
	}
}

// A goroutine per job, each dialing its own connection.
func perJobGoroutine(ctx context.Context, jobs <-chan string) {
	var wg sync.WaitGroup
	for target := range jobs {
		wg.Add(1)
		go func() { // want `the function literal builds a new gRPC client connection .* on every iteration of the loop and closes it again`
			defer wg.Done()
			conn, err := grpc.NewClient(target)
			if err != nil {
				return
			}
			defer conn.Close()
		}()
	}
	wg.Wait()
}

// Clone per tick in a goroutine's select loop.
func refresher(ctx context.Context, every time.Duration) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tr := http.DefaultTransport.(*http.Transport).Clone() // want `Clone builds a new HTTP transport on every iteration of the loop and closes it again`
				(&http.Client{Transport: tr}).Get("http://config")
				tr.CloseIdleConnections()
			}
		}
	}()
}

// defer Close inside the loop: still a pool per iteration (the defers pile
// up until return, which unclosed reports on its own).
func deferInLoop(dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // want `sql.Open builds a new database pool on every iteration of the loop and closes it again`
		if err != nil {
			continue
		}
		defer db.Close()
		db.Ping()
	}
}

// Nested loops: a map made in the outer loop and dropped after the inner
// one, so each outer iteration builds and drops its clients.
func nested(regions map[string][]string) {
	for region, addrs := range regions {
		clients := map[string]*redis.Client{}
		for _, a := range addrs {
			clients[a] = redis.NewClient(&redis.Options{Addr: a}) // want `redis.NewClient builds a new Redis client on every iteration of the loop and never closes it`
		}
		for _, c := range clients {
			c.Get(context.Background(), region)
		}
	}
}

// The body of a range-over-func loop is a function literal called per
// element.
func overSeq(ctx context.Context, addrs iter.Seq[string]) {
	for a := range addrs {
		rdb := redis.NewClient(&redis.Options{Addr: a}) // want `redis.NewClient builds a new Redis client on every iteration of the loop and closes it again`
		rdb.Get(ctx, "k")
		rdb.Close()
	}
}

// Silent: built once before the loop, or carried across iterations.
func hoisted(ctx context.Context, keys []string) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"})
	defer rdb.Close()
	for _, k := range keys {
		rdb.Get(ctx, k)
	}
}

func reconnecting(ctx context.Context, keys []string) {
	var rdb *redis.Client
	for i, k := range keys {
		if rdb == nil || i%1000 == 0 {
			if rdb != nil {
				rdb.Close()
			}
			rdb = redis.NewClient(&redis.Options{Addr: "cache:6379"})
		}
		rdb.Get(ctx, k)
	}
}

// Silent: a loop that stops at the first pool that works and keeps it.
func firstReachable(addrs []string) (*grpc.ClientConn, error) {
	var lastErr error
	for _, a := range addrs {
		conn, err := grpc.NewClient(a)
		if err != nil {
			lastErr = err
			continue
		}
		return conn, nil
	}
	return nil, lastErr
}

// Silent: a pool per shard, kept by the struct the constructor returns.
type shards struct{ dbs []*sql.DB }

func openShards(dsns []string) (*shards, error) {
	s := &shards{}
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return nil, err
		}
		s.dbs = append(s.dbs, db)
	}
	return s, nil
}

// Silent: a client per backend handed to a goroutine that lives on.
func monitor(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		c := &http.Client{Transport: &http.Transport{}}
		go func() {
			for ctx.Err() == nil {
				c.Get(a)
				time.Sleep(time.Second)
			}
		}()
	}
}

// Silent: the loop runs the helper under sync.Once.
var initOnce sync.Once

func initAll(names []string) {
	for range names {
		initOnce.Do(func() {
			defaultDB, _ = sql.Open("postgres", "postgres://default")
		})
	}
}

var defaultDB *sql.DB
