// Package sqlpools: database pools built per request or per iteration.
package sqlpools

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"net/http"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// sql.Open in a handler, never closed: a pool per request.
func users(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "postgres://db") // want `sql.Open builds a new database pool on every request and never closes it`
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	var n int
	db.QueryRow("SELECT count(*) FROM users").Scan(&n)
}

// Closed again: each request pays a fresh handshake.
func usersClosed(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "postgres://db") // want `sql.Open builds a new database pool on every request and closes it again`
	if err != nil {
		return
	}
	defer db.Close()
	db.Ping()
}

// sql.OpenDB with a connector is as expensive.
func usersConnector(c interface {
	Driver() any
}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db := sql.OpenDB(nil) // want `sql.OpenDB builds a new database pool on every request and never closes it`
		db.Ping()
	}
}

// sqlx, gorm and pgx per request.
func sqlxHandler(w http.ResponseWriter, r *http.Request) {
	db, err := sqlx.Open("postgres", "dsn") // want `sqlx.Open builds a new database pool on every request`
	if err != nil {
		return
	}
	defer db.Close()
	var name string
	db.Get(&name, "SELECT name FROM users LIMIT 1")
}

func sqlxMust(w http.ResponseWriter, r *http.Request) {
	db := sqlx.MustOpen("postgres", "dsn") // want `sqlx.MustOpen builds a new database pool on every request and never closes it`
	db.Ping()
}

type dialector struct{}

func (dialector) Name() string { return "postgres" }

func gormHandler(w http.ResponseWriter, r *http.Request) {
	db, err := gorm.Open(dialector{}) // want `gorm.Open builds a new GORM database pool on every request and never closes it`
	if err != nil {
		return
	}
	var u struct{ ID int }
	db.First(&u)
}

func gormClosed(w http.ResponseWriter, r *http.Request) {
	db, err := gorm.Open(dialector{}) // want `gorm.Open builds a new GORM database pool on every request and closes it again`
	if err != nil {
		return
	}
	sqlDB, err := db.DB()
	if err != nil {
		return
	}
	defer sqlDB.Close()
	db.First(&struct{}{})
}

func pgxPoolHandler(w http.ResponseWriter, r *http.Request) {
	pool, err := pgxpool.New(r.Context(), "postgres://db") // want `pgxpool.New builds a new pgx connection pool on every request and closes it again`
	if err != nil {
		return
	}
	defer pool.Close()
	pool.Ping(r.Context())
}

// A pgx connection per queued job, closed each time: churn.
func worker(ctx context.Context, jobs <-chan string) {
	for dsn := range jobs {
		conn, err := pgx.Connect(ctx, dsn) // want `pgx.Connect builds a new pgx connection on every iteration of the loop and closes it again`
		if err != nil {
			continue
		}
		conn.Ping(ctx)
		conn.Close(ctx)
	}
}

// A pool per DSN of a batch, never closed.
func checkAll(dsns []string) int {
	ok := 0
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // want `sql.Open builds a new database pool on every iteration of the loop and never closes it`
		if err != nil {
			continue
		}
		if db.Ping() == nil {
			ok++
		}
	}
	return ok
}

// Handlers that use a pool the constructor built: silent.
type store struct{ db *sql.DB }

func newStore(dsn string) (*store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &store{db: db}, nil
}

func (s *store) users(w http.ResponseWriter, r *http.Request) {
	s.db.Ping()
}

// A per-tenant cache behind a mutex: each pool is built once and kept.
type tenants struct {
	mu  sync.Mutex
	dbs map[string]*sql.DB
}

func (t *tenants) get(tenant string) (*sql.DB, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if db, ok := t.dbs[tenant]; ok {
		return db, nil
	}
	db, err := sql.Open("postgres", "postgres://"+tenant)
	if err != nil {
		return nil, err
	}
	t.dbs[tenant] = db
	return db, nil
}

func (t *tenants) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	db, err := t.get(r.Header.Get("X-Tenant"))
	if err != nil {
		return
	}
	db.Ping()
}

// A start-up loop filling a map of pools, one per shard.
func openShards(dsns map[string]string) (map[string]*sql.DB, error) {
	shards := make(map[string]*sql.DB, len(dsns))
	for name, dsn := range dsns {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return nil, err
		}
		shards[name] = db
	}
	return shards, nil
}

// Lazily built once by sync.OnceValues.
var getDB = sync.OnceValues(func() (*sql.DB, error) {
	return sql.Open("postgres", "postgres://db")
})

func lazyHandler(w http.ResponseWriter, r *http.Request) {
	db, err := getDB()
	if err != nil {
		return
	}
	db.Ping()
}

// A retry loop that keeps the first pool that answers.
func connect(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	var lastErr error
	for i := 0; i < 5; i++ {
		pool, err := pgxpool.New(ctx, dsn)
		if err != nil {
			lastErr = err
			continue
		}
		if err := pool.Ping(ctx); err != nil {
			pool.Close()
			lastErr = err
			continue
		}
		return pool, nil
	}
	return nil, lastErr
}

// A helper returning a fresh pool, called per request: reported at the call.
func openDB(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

func viaHelper(w http.ResponseWriter, r *http.Request) {
	db, err := openDB(r.URL.Query().Get("dsn")) // want `openDB builds a new database pool \(sql.Open at sqlpools.go:\d+\) on every request and closes it again`
	if err != nil {
		return
	}
	defer db.Close()
	db.Ping()
}

// The same helper at start-up, kept in a global.
var defaultDB, _ = openDB("postgres://default")

// RULES clientreuse expensive list (sql.OpenDB, pgx.Connect): built once by
// a New* constructor that stores it, so silent.
type connStore struct {
	db   *sql.DB
	conn *pgx.Conn
}

func newConnStore(ctx context.Context, c driver.Connector, dsn string) (*connStore, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &connStore{db: sql.OpenDB(c), conn: conn}, nil
}

func (s *connStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.db.Ping()
	s.conn.Ping(r.Context())
}

// RULES clientreuse repeated context "reachable from a per-request entry":
// pgx.Connect per request.
func pgxConnectHandler(w http.ResponseWriter, r *http.Request) {
	conn, err := pgx.Connect(r.Context(), "postgres://db") // want `pgx.Connect builds a new pgx connection on every request and never closes it`
	if err != nil {
		return
	}
	conn.Ping(r.Context())
}
