// Package rowsiface: helpers that take their rows through an interface
// shaped like database/sql's (Next, Scan, Close): draining them with a
// Next loop closes them as database/sql does, so a test that hands its
// rows to such a helper and checks its error has nothing left to close.
// A helper that reads one row and returns leaves them open.
package rowsiface

// RowSource is what the helpers read from: *sql.Rows, or a type that
// embeds it.
type RowSource interface {
	Next() bool
	Scan(dest ...any) error
	Columns() ([]string, error)
	Err() error
	Close() error
}
