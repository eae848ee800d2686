// Package benchgen writes generated Go packages for benchmarks: many
// functions of assorted shapes (clean and leaking acquisitions, helpers,
// loops, transactions), so that the engine's cost per function can be
// measured as a package grows.
package benchgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteModule writes a module example.com/gen in dir whose one package has
// funcs generated functions, and returns the number of lines it wrote.
func WriteModule(dir string, funcs int) (lines int, err error) {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/gen\n\ngo 1.26\n"), 0o644); err != nil {
		return 0, fmt.Errorf("writing go.mod: %w", err)
	}
	var src strings.Builder
	src.WriteString(`package gen

import (
	"database/sql"
	"errors"
	"io"
	"net/http"
	"os"
)

var _ = errors.New

func closeBody(resp *http.Response) { io.Copy(io.Discard, resp.Body); resp.Body.Close() }
`)
	for i := 0; i < funcs; i++ {
		fmt.Fprintf(&src, shapes[i%len(shapes)], i)
	}
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), []byte(src.String()), 0o644); err != nil {
		return 0, fmt.Errorf("writing gen.go: %w", err)
	}
	return strings.Count(src.String(), "\n"), nil
}

// FuncsForLines returns how many generated functions make about n lines.
func FuncsForLines(n int) int {
	total := 0
	for _, s := range shapes {
		total += strings.Count(s, "\n")
	}
	return max(1, n*len(shapes)/total)
}

var shapes = []string{`
func get%d(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}
`, `
func open%d(p string) (int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	f.Close()
	return st.Size(), nil
}
`, `
func query%d(db *sql.DB) ([]int, error) {
	rows, err := db.Query("SELECT id FROM t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
`, `
func helper%d(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	closeBody(resp)
	return nil
}
`, `
func compute%d(xs []int) (sum int) {
	for i, x := range xs {
		switch {
		case x > i:
			sum += x
		case x < 0:
			continue
		default:
			sum -= i
		}
	}
	return sum
}
`, `
func tx%d(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}
`}
