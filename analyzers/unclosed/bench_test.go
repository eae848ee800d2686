package unclosed_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

// BenchmarkUnclosed runs the analyzer (and the engine it requires) on
// generated packages of 100, 1,000 and 10,000 functions. Loading and
// type-checking happen once, outside the timed loop; each iteration builds
// SSA, summarises and checks every function. The ns/func metric should
// stay roughly flat as the package grows.
func BenchmarkUnclosed(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			pkgs := loadGenerated(b, n)
			b.ResetTimer()
			for b.Loop() {
				graph, err := checker.Analyze([]*analysis.Analyzer{unclosed.Analyzer}, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				for _, act := range graph.Roots {
					if act.Err != nil {
						b.Fatal(act.Err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/func")
		})
	}
}

// loadGenerated writes a module with one package of n functions of
// assorted shapes (clean and leaking acquisitions, helpers, loops) and
// loads it with all syntax.
func loadGenerated(b *testing.B, n int) []*packages.Package {
	dir := b.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("go.mod", "module example.com/gen\n\ngo 1.26\n")
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
	for i := 0; i < n; i++ {
		fmt.Fprintf(&src, shapes[i%len(shapes)], i)
	}
	write("gen.go", src.String())
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("generated package does not type-check")
	}
	return pkgs
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
