package lifecycle

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// storeSrc declares what the entries below name, correctly or not.
const storeSrc = `package store

import "net/http"

type Conn struct{}

func Dial() (*Conn, error) { return &Conn{}, nil }
func Open() int            { return 0 }
func Nothing()             {}

func (*Conn) Close() error        { return nil }
func (*Conn) Shutdown(force bool) {}

type Pool struct{}

func (*Pool) Get() (*Conn, error) { return nil, nil }

type HandlerFunc func(w http.ResponseWriter)

var _ = http.Get
`

func checkStore(t *testing.T) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "store.go", storeSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/store", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// withExtensions runs f with only the entries that add records, and
// restores the recorded entries afterwards.
func withExtensions(t *testing.T, add func() error) error {
	t.Helper()
	extensions.Lock()
	saved, savedChecked := extensions.list, extensions.checked
	extensions.list, extensions.checked = nil, nil
	extensions.Unlock()
	t.Cleanup(func() {
		extensions.Lock()
		extensions.list, extensions.checked = saved, savedChecked
		extensions.Unlock()
	})
	return add()
}

func TestCheckExtensions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		add   func() error
		want  string // "" when the entry is right
		other string // an unchecked package the entry names, if any
	}{
		{"resource right", func() error {
			return NewTable().Extend("example.com/store.Conn:Close=example.com/store.Dial|example.com/store.Pool.Get")
		}, "", ""},
		{"resource type misspelt", func() error { return NewTable().Extend("example.com/store.Con:Close=example.com/store.Dial") }, "package example.com/store declares no type Con", ""},
		{"constructor misspelt", func() error { return NewTable().Extend("example.com/store.Conn:Close=example.com/store.Dail") }, "package example.com/store declares no function Dail", ""},
		{"constructor method misspelt", func() error { return NewTable().Extend("example.com/store.Conn:Close=example.com/store.Pool.Gte") }, "type example.com/store.Pool has no method Gte", ""},
		{"constructor returns something else", func() error { return NewTable().Extend("example.com/store.Conn:Close=example.com/store.Open") }, "example.com/store.Open returns int first, not example.com/store.Conn", ""},
		{"release the type lacks", func() error { return NewTable().Extend("example.com/store.Conn:Shutdwn=example.com/store.Dial") }, "example.com/store.Conn has no method Shutdwn", ""},
		{"release taking arguments", func() error { return NewTable().Extend("example.com/store.Conn:Shutdown=example.com/store.Dial") }, "method Shutdown takes arguments", ""},
		{"pool constructor right, default release", func() error { return NewPoolTable().Extend("example.com/store.Dial") }, "", ""},
		{"pool constructor right, explicit release", func() error { return NewPoolTable().Extend("example.com/store.Pool.Get:Close") }, "", ""},
		{"pool constructor constructs nothing", func() error { return NewPoolTable().Extend("example.com/store.Nothing") }, "example.com/store.Nothing returns nothing", ""},
		{"pool release the result lacks", func() error { return NewPoolTable().Extend("example.com/store.Dial:Stop") }, "example.com/store.Dial returns *example.com/store.Conn: has no method Stop", ""},
		{"pool allocation right", func() error { return NewPoolTable().Extend("example.com/store.Pool{}") }, "", ""},
		{"pool allocation release lacking", func() error { return NewPoolTable().Extend("example.com/store.Pool{}:Close") }, "example.com/store.Pool has no method Close", ""},
		{"entry type right", func() error { return (&EntryTable{}).Extend("example.com/store.HandlerFunc") }, "", ""},
		{"entry type misspelt", func() error { return (&EntryTable{}).Extend("example.com/store.HandleFunc") }, "package example.com/store declares no type HandleFunc", ""},
		{"std type misspelt, seen through an import", func() error { return NewTable().Extend("net/http.Clinet:CloseIdleConnections=net/http.NewClient") }, "package net/http declares no type Clinet", ""},
		{"package of another entry", func() error { return NewTable().Extend("example.com/other.Conn:Close=example.com/other.Dial") }, "", "example.com/other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := withExtensions(t, tc.add); err != nil {
				t.Fatalf("Extend: %v", err)
			}
			var err error
			for _, e := range CheckExtensions(checkStore(t)) {
				err = e
			}
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckExtensions = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckExtensions = %v, want an error containing %q", err, tc.want)
			}
			unchecked := UncheckedExtensionPackages()
			if tc.other == "" && len(unchecked) > 0 || tc.other != "" && (len(unchecked) != 1 || unchecked[0] != tc.other) {
				t.Errorf("UncheckedExtensionPackages = %v, want [%s]", unchecked, tc.other)
			}
		})
	}
}
