// Command sqlmain builds its pools once, in main and init.
package main

import (
	"database/sql"
	"log"
	"net/http"

	"github.com/redis/go-redis/v9"
)

var cache *redis.Client

func init() {
	cache = redis.NewClient(&redis.Options{Addr: "localhost:6379"})
}

type app struct {
	db    *sql.DB
	cache *redis.Client
}

func (a *app) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.db.Ping()
	a.cache.Get(r.Context(), "k")
}

func main() {
	db, err := sql.Open("postgres", "postgres://db")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 100}}
	_ = client
	log.Fatal(http.ListenAndServe(":8080", &app{db: db, cache: cache}))
}
