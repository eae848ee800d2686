package sqlpools

import (
	"context"
	"database/sql"
	"time"
)

// Replicator copies rows to a reporting database in the background.
type Replicator struct {
	dsn      string
	interval time.Duration
	primary  *sql.DB
	reports  *sql.DB
}

// syncForever opens the reporting database anew on every round and never
// closes it: one pool per round until the process runs out of
// connections.
func (r *Replicator) syncForever(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.interval):
		}
		reports, err := sql.Open("postgres", r.dsn) // want `sql.Open builds a new database pool on every iteration of the loop and never closes it`
		if err != nil {
			continue
		}
		copyRows(ctx, r.primary, reports)
	}
}

// syncEvery opens it once and reuses it every round.
func (r *Replicator) syncEvery(ctx context.Context) error {
	reports, err := sql.Open("postgres", r.dsn)
	if err != nil {
		return err
	}
	defer reports.Close()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(r.interval):
		}
		copyRows(ctx, r.primary, reports)
	}
}

// syncLazily opens it on the first round and keeps it on the replicator.
func (r *Replicator) syncLazily(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.interval):
		}
		if r.reports == nil {
			db, err := sql.Open("postgres", r.dsn)
			if err != nil {
				continue
			}
			r.reports = db
		}
		copyRows(ctx, r.primary, r.reports)
	}
}

func copyRows(ctx context.Context, from, to *sql.DB) {
	rows, err := from.QueryContext(ctx, "SELECT id FROM events")
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if rows.Scan(&id) == nil {
			to.ExecContext(ctx, "INSERT INTO events_copy VALUES ($1)", id)
		}
	}
}
