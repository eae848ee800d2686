package lifecycle

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"
)

// TestWithoutDataInits pins which package-level initialisers the SSA
// build skips: plain data only, never one that calls, receives or
// mentions a function.
func TestWithoutDataInits(t *testing.T) {
	const src = `package p

import "os"

type pair struct{ a, b int }

var (
	table    = [...]uint16{1, 2, 3, 4}           // data
	pairs    = []pair{{1, 2}, {3, 4}}            // data
	names    = map[string]int{"a": 1, "b": len2} // data: a constant
	alias    = table                             // data: another variable
	ch       = make(chan int)                    // builtin call
	file, _  = os.Open("x")                      // call
	handlers = map[string]func(){"f": f}         // a function value
	method   = pair{}.sum                        // a method value
	lit      = func() {}                         // a function literal
	got      = <-ch                              // a receive
	conv     = uint16(table[0])                  // a conversion is a call expression
)

const len2 = 2

func f() {}

func (p pair) sum() int { return p.a + p.b }
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, in := range withoutDataInits(info).InitOrder {
		for _, v := range in.Lhs {
			kept = append(kept, v.Name())
		}
	}
	slices.Sort(kept)
	want := []string{"_", "ch", "conv", "file", "got", "handlers", "lit", "method"}
	if !slices.Equal(kept, want) {
		t.Errorf("kept initialisers %v, want %v", kept, want)
	}
	if len(info.InitOrder) != 11 {
		t.Errorf("the original InitOrder changed: %d initialisers, want 11", len(info.InitOrder))
	}
}
