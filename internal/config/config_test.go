package config

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// fakeSuite returns two analyzers with a string, a list-like and a
// boolean flag, as the real suite has.
func fakeSuite() []*analysis.Analyzer {
	alpha := &analysis.Analyzer{Name: "alpha"}
	alpha.Flags.String("types", "", "")
	alpha.Flags.Bool("strict", false, "")
	beta := &analysis.Analyzer{Name: "beta"}
	beta.Flags.String("entries", "", "")
	beta.Flags.Int("depth", 0, "")
	return []*analysis.Analyzer{alpha, beta}
}

func TestParseEveryKind(t *testing.T) {
	src := `# leakvet settings
disable = ["beta"]   # a comment after a value
generated = true
exclude = [
  "internal/legacy",  # a directory
  "*_mock.go",
]
alpha.strict = true

[alpha]
types = "example.com/a.Conn:Close=example.com/a.Dial" # quoted # stays

[beta]
entries = ['example.com/web.HandlerFunc', "example.com/web.Handler"]
depth = 3
`
	c, err := Parse("/m/leakvet.toml", []byte(src), fakeSuite())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"-beta=false",
		"-generated=true",
		"-alpha.strict=true",
		"-alpha.types=example.com/a.Conn:Close=example.com/a.Dial",
		"-beta.entries=example.com/web.HandlerFunc,example.com/web.Handler",
		"-beta.depth=3",
	}
	if !slices.Equal(c.Args, want) {
		t.Errorf("Args =\n%q\nwant\n%q", c.Args, want)
	}
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"/m/internal/legacy/old.go", true},
		{"/m/internal/legacy/sub/old.go", true},
		{"/m/internal/legacyx/new.go", false},
		{"/m/store/conn_mock.go", true},
		{"/m/store/conn.go", false},
		{"/other/internal/legacy/old.go", false},
	} {
		if got := c.Exclude.Match(tc.file); got != tc.want {
			t.Errorf("Exclude.Match(%s) = %v, want %v", tc.file, got, tc.want)
		}
	}
}

func TestEmptyFileSetsNothing(t *testing.T) {
	c, err := Parse("/m/leakvet.toml", []byte("# nothing yet\n\n"), fakeSuite())
	if err != nil || len(c.Args) != 0 || !c.Exclude.Empty() || c.Exclude.Match("/m/a.go") {
		t.Errorf("Parse of a comment = %+v, %v; want nothing set", c, err)
	}
}

// Every mistake is an error naming the file and the line.
func TestErrorsPointAtTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"misspelt flag", "\n[alpha]\ntypez = \"x\"\n", `leakvet.toml:3: unknown key "alpha.typez" (the keys are disable, exclude, generated, alpha.strict, alpha.types, beta.depth, beta.entries)`},
		{"unknown analyzer section", "[gamma]\ntypes = \"x\"\n", `leakvet.toml:2: unknown key "gamma.types": no analyzer named "gamma"`},
		{"unknown top-level key", "verbose = true\n", `leakvet.toml:1: unknown key "verbose"`},
		{"analyzer as a switch", "alpha = false\n", `leakvet.toml:1: unknown key "alpha": an analyzer's flags go in its [alpha] section; to switch it off, list it in disable`},
		{"unknown analyzer to disable", "\n\ndisable = [\"alpha\", \"gama\"]\n", `leakvet.toml:3: key "disable": no analyzer named "gama" (the analyzers are alpha, beta)`},
		{"everything disabled", "disable = [\"alpha\", \"beta\"]\n", `leakvet.toml:1: key "disable" switches off every analyzer`},
		{"disable not an array", "disable = \"beta\"\n", `leakvet.toml:1: key "disable" wants an array of analyzer names, got a string ("beta")`},
		{"string for a boolean", "[alpha]\nstrict = \"yes\"\n", `leakvet.toml:2: key "alpha.strict" wants true or false, got a string ("yes")`},
		{"boolean for a string", "alpha.types = true\n", `leakvet.toml:1: key "alpha.types" wants a string, got a boolean (true)`},
		{"generated not a boolean", "generated = 1\n", `leakvet.toml:1: key "generated" wants true or false, got a number (1)`},
		{"unquoted string", "alpha.types = example.com/a.Conn\n", `leakvet.toml:1: key "alpha.types": value example.com/a.Conn is not a string (quote it)`},
		{"unclosed array", "exclude = [\"a\",\n\"b\"\n", `leakvet.toml:1: key "exclude": array without its closing ]`},
		{"given twice", "alpha.strict = true\n[alpha]\nstrict = false\n", `leakvet.toml:3: key "alpha.strict" is already set at line 1`},
		{"bad header", "[alpha\n", `leakvet.toml:1: want a section header such as [unclosed], got [alpha`},
		{"no equals sign", "alpha.types\n", `leakvet.toml:1: want key = value, got alpha.types`},
		{"exclude outside the module", "exclude = [\"../other\"]\n", `leakvet.toml:1: key "exclude": "../other": want a path relative to the module root`},
		{"bad exclude pattern", "exclude = [\"gen/[\"]\n", `leakvet.toml:1: key "exclude": "gen/[": syntax error in pattern`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("/m/leakvet.toml", []byte(tc.src), fakeSuite())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant it to contain %s", err, tc.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "/m/leakvet.toml:") {
				t.Errorf("error %q does not start with the file", err)
			}
		})
	}
}

// writeTree writes files under a fresh directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Load finds the file next to go.mod from any directory of the module,
// and nothing in a module without one.
func TestLoadFindsTheModuleRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":        "module example.com/m\n",
		FileName:        "disable = [\"beta\"]\n",
		"a/b/c.go":      "package b\n",
		"sub/go.mod":    "module example.com/m/sub\n",
		"sub/sub.go":    "package sub\n",
		"sub/x/x.go":    "package x\n",
		"nomod/leak.go": "package nomod\n",
	})
	c, err := Load(filepath.Join(dir, "a", "b"), fakeSuite())
	if err != nil || c == nil || c.Path != filepath.Join(dir, FileName) || !slices.Equal(c.Args, []string{"-beta=false"}) {
		t.Errorf("Load(a/b) = %+v, %v; want the root's file", c, err)
	}
	// A nested module is a module of its own: the outer file is not its.
	if c, err := Load(filepath.Join(dir, "sub", "x"), fakeSuite()); err != nil || c != nil {
		t.Errorf("Load(sub/x) = %+v, %v; want no file", c, err)
	}
}

// CheckMatches: an exclude that matches nothing is an error naming its
// line; one that matches a file or a directory is not.
func TestCheckMatches(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":               "module example.com/m\n",
		"internal/legacy/a.go": "package legacy\n",
		"store/conn_mock.go":   "package store\n",
		".git/x_mock.go":       "",
	})
	for _, tc := range []struct {
		src, want string
	}{
		{"exclude = [\"internal/legacy\", \"*_mock.go\", \"store/*.go\"]\n", ""},
		{"exclude = [\"internal/legacy\",\n  \"internal/legasy\"]\n", `leakvet.toml:2: exclude "internal/legasy" matches no file or directory`},
		{"exclude = [\"*_mok.go\"]\n", `leakvet.toml:1: exclude "*_mok.go" matches no file or directory`},
	} {
		path := filepath.Join(dir, FileName)
		c, err := Parse(path, []byte(tc.src), fakeSuite())
		if err != nil {
			t.Fatal(err)
		}
		err = c.Exclude.CheckMatches(path)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: CheckMatches = %v, want nil", tc.src, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: CheckMatches = %v, want %s", tc.src, err, tc.want)
		}
	}
}

// The keys follow the suite: every analyzer flag is a key.
func TestKeysFollowTheSuite(t *testing.T) {
	suite := fakeSuite()
	got := keys(suite)
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !slices.Contains(got, a.Name+"."+f.Name) {
				t.Errorf("keys %v lack %s.%s", got, a.Name, f.Name)
			}
		})
	}
}
