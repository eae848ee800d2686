// Package redisclients: Redis clients built per request or per iteration.
package redisclients

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

// A Redis client per loop iteration, never closed.
func warm(ctx context.Context, keys []string) {
	for _, k := range keys {
		rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient builds a new Redis client on every iteration of the loop and never closes it`
		rdb.Get(ctx, k)
	}
}

// The older import path, closed each iteration.
func warmV8(ctx context.Context, keys []string) {
	for _, k := range keys {
		rdb := redisv8.NewClient(&redisv8.Options{Addr: "cache:6379"}) // want `redisv8.NewClient builds a new Redis client on every iteration of the loop and closes it again`
		rdb.Get(ctx, k)
		rdb.Close()
	}
}

// A cluster client per request.
func lookup(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:6379"}}) // want `redis.NewClusterClient builds a new Redis cluster client on every request and never closes it`
	v, _ := rdb.Get(r.Context(), r.URL.Path).Result()
	w.Write([]byte(v))
}

// A universal client in a gin handler, closed each time.
func ginLookup(c *gin.Context) {
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"a:6379"}}) // want `redis.NewUniversalClient builds a new Redis client on every request and closes it again`
	defer rdb.Close()
	v, _ := rdb.Get(context.Background(), c.Query("k")).Result()
	c.String(200, v)
}

func routes(e *gin.Engine, h *handlers) {
	e.GET("/a", ginLookup)
	e.GET("/b", h.get)
}

// The client built once and kept: silent.
type handlers struct{ rdb *redis.Client }

func newHandlers() *handlers {
	return &handlers{rdb: redis.NewClient(&redis.Options{Addr: "cache:6379"})}
}

func (h *handlers) get(c *gin.Context) {
	v, _ := h.rdb.Get(context.Background(), c.Query("k")).Result()
	c.String(200, v)
}

// One client per shard at start-up, appended to a slice that is kept.
type ring struct{ shards []*redis.Client }

func newRing(addrs []string) *ring {
	r := &ring{}
	for _, a := range addrs {
		r.shards = append(r.shards, redis.NewClient(&redis.Options{Addr: a}))
	}
	return r
}

// One client per backend, each handed to its own long-lived watcher.
func watchAll(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		rdb := redis.NewClient(&redis.Options{Addr: a})
		go watch(ctx, rdb)
	}
}

func watch(ctx context.Context, rdb *redis.Client) {
	for ctx.Err() == nil {
		rdb.Get(ctx, "health")
	}
}

// A local slice built across the loop and used after it: one client per
// address for the whole call.
func pingAll(ctx context.Context, addrs []string) {
	var clients []*redis.Client
	for _, a := range addrs {
		clients = append(clients, redis.NewClient(&redis.Options{Addr: a}))
	}
	for _, c := range clients {
		c.Get(ctx, "ping")
	}
}

// RULES clientreuse expensive list (NewClusterClient, NewUniversalClient):
// built once by the constructor and kept, so silent.
type clusterHandlers struct {
	cluster   *redis.ClusterClient
	universal redis.UniversalClient
}

func newClusterHandlers() *clusterHandlers {
	return &clusterHandlers{
		cluster:   redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:6379"}}),
		universal: redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"a:6379"}}),
	}
}

func (h *clusterHandlers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v, _ := h.cluster.Get(r.Context(), r.URL.Path).Result()
	u, _ := h.universal.Get(r.Context(), r.URL.Path).Result()
	w.Write([]byte(v + u))
}
