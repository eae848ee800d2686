package plugin

import (
	"errors"
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/report"
)

// failingValue is a flag whose Set always fails, like a resource-table
// entry that does not parse.
type failingValue struct{}

func (failingValue) String() string     { return "" }
func (failingValue) Set(s string) error { return errors.New("entry " + s + " does not parse") }

// fakeSuite returns two analyzers with one flag of each kind; the values
// they were set to are in the returned map of flag values.
func fakeSuite() ([]*analysis.Analyzer, map[string]flag.Value) {
	a := &analysis.Analyzer{Name: "alpha", Doc: "alpha", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	a.Flags.Bool("strict", false, "be strict")
	a.Flags.Int("depth", 3, "how deep")
	a.Flags.Float64("ratio", 0.5, "a ratio")
	a.Flags.Duration("wait", time.Second, "how long")
	a.Flags.String("names", "", "comma-separated names")
	b := &analysis.Analyzer{Name: "beta", Doc: "beta", Run: a.Run}
	b.Flags.Var(failingValue{}, "entries", "entries that never parse")
	values := make(map[string]flag.Value)
	for _, an := range []*analysis.Analyzer{a, b} {
		an.Flags.VisitAll(func(f *flag.Flag) { values[an.Name+"."+f.Name] = f.Value })
	}
	return []*analysis.Analyzer{a, b}, values
}

func TestDecodeSetsEveryKindOfFlag(t *testing.T) {
	suite, values := fakeSuite()
	s, err := decode(map[string]any{
		"alpha": map[string]any{
			"strict": true,
			"depth":  7,
			"ratio":  0.25,
			"wait":   "5s",
			"names":  "a,b",
		},
	}, suite)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.apply(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"alpha.strict": "true",
		"alpha.depth":  "7",
		"alpha.ratio":  "0.25",
		"alpha.wait":   "5s",
		"alpha.names":  "a,b",
	}
	for k, v := range want {
		if got := values[k].String(); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if len(s.disabled) != 0 {
		t.Errorf("disabled = %v, want none", s.disabled)
	}
}

func TestDecodeAcceptsDottedAndMixedCaseKeys(t *testing.T) {
	suite, values := fakeSuite()
	s, err := decode(map[string]any{"alpha.Depth": 9, "ALPHA": map[string]any{"Names": "x"}}, suite)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.apply(); err != nil {
		t.Fatal(err)
	}
	if got := values["alpha.depth"].String(); got != "9" {
		t.Errorf("alpha.depth = %s, want 9", got)
	}
	if got := values["alpha.names"].String(); got != "x" {
		t.Errorf("alpha.names = %s, want x", got)
	}
}

func TestDecodeNoSettings(t *testing.T) {
	suite, _ := fakeSuite()
	for _, conf := range []any{nil, map[string]any{}} {
		s, err := decode(conf, suite)
		if err != nil {
			t.Fatalf("decode(%v): %v", conf, err)
		}
		if len(s.flags) != 0 || len(s.disabled) != 0 {
			t.Errorf("decode(%v) = %+v, want nothing set", conf, s)
		}
	}
}

// TestDecodeGenerated: "generated" sets report.IncludeGenerated, and only
// when given; a value that is not a boolean is an error naming the key.
func TestDecodeGenerated(t *testing.T) {
	suite, _ := fakeSuite()
	t.Cleanup(func() { report.IncludeGenerated = false })
	s, err := decode(map[string]any{"generated": true}, suite)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.apply(); err != nil || !report.IncludeGenerated {
		t.Errorf("generated: true: apply error %v, IncludeGenerated %v, want true", err, report.IncludeGenerated)
	}
	report.IncludeGenerated = false
	s, err = decode(map[string]any{}, suite)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.apply(); err != nil || report.IncludeGenerated {
		t.Errorf("no settings: apply error %v, IncludeGenerated %v, want false", err, report.IncludeGenerated)
	}
	if _, err := decode(map[string]any{"generated": "yes"}, suite); err == nil || !strings.Contains(err.Error(), `key "generated": wants a boolean, got a string ("yes")`) {
		t.Errorf(`generated: "yes": error %v, want one naming the key`, err)
	}
}

func TestDecodeDisable(t *testing.T) {
	suite, _ := fakeSuite()
	s, err := decode(map[string]any{"disable": []any{"beta"}}, suite)
	if err != nil {
		t.Fatal(err)
	}
	l := &linter{suite: suite, disabled: s.disabled}
	got, err := l.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "alpha" {
		t.Errorf("BuildAnalyzers after disable [beta] = %v, want [alpha]", got)
	}
}

func TestDecodeErrorsNameTheKey(t *testing.T) {
	suite, _ := fakeSuite()
	for _, tc := range []struct {
		name string
		conf any
		want string
	}{
		{"unknown flag", map[string]any{"alpha": map[string]any{"depht": 1}}, `unknown key "alpha.depht" (the keys are disable, generated, alpha.depth, alpha.names, alpha.ratio, alpha.strict, alpha.wait, beta.entries)`},
		{"unknown analyzer in key", map[string]any{"gamma.depth": 1}, `unknown key "gamma.depth": no analyzer named "gamma"`},
		{"unknown top-level key", map[string]any{"verbose": true}, `unknown key "verbose"`},
		{"analyzer set to a boolean", map[string]any{"alpha": false}, `unknown key "alpha": an analyzer takes a mapping of its flags; to switch it off, list it under "disable"`},
		{"string for a boolean", map[string]any{"alpha.strict": "yes"}, `key "alpha.strict": wants a boolean, got a string ("yes")`},
		{"fraction for an integer", map[string]any{"alpha.depth": 1.5}, `key "alpha.depth": wants an integer, got a number (1.5)`},
		{"number for a string", map[string]any{"alpha": map[string]any{"names": 3}}, `key "alpha.names": wants a string, got a number (3)`},
		{"list for a string", map[string]any{"alpha.names": []any{"a"}}, `key "alpha.names": wants a string, got a list`},
		{"empty value", map[string]any{"alpha.names": nil}, `key "alpha.names": wants a string, got no value`},
		{"nested too deep", map[string]any{"alpha": map[string]any{"names": map[string]any{"x": "y"}}}, `key "alpha.names": wants a string, got a mapping`},
		{"given twice", map[string]any{"alpha.depth": 1, "alpha": map[string]any{"depth": 2}}, `key "alpha.depth" is given twice`},
		{"unknown analyzer to disable", map[string]any{"disable": []any{"alpha", "gama"}}, `key "disable": no analyzer named "gama" (the analyzers are alpha, beta)`},
		{"disable not a list", map[string]any{"disable": "beta"}, `key "disable" wants a list of analyzer names, got a string ("beta")`},
		{"disable item not a name", map[string]any{"disable": []any{true}}, `key "disable", item 1: want an analyzer name, got a boolean (true)`},
		{"everything disabled", map[string]any{"disable": []any{"alpha", "beta"}}, `key "disable" switches off every analyzer`},
		{"settings not a mapping", []any{"alpha"}, `want a mapping of keys (disable, generated, alpha.depth, alpha.names, alpha.ratio, alpha.strict, alpha.wait, beta.entries)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(tc.conf, suite)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("decode(%v) error = %v, want it to contain %s", tc.conf, err, tc.want)
			}
		})
	}
}

func TestApplyErrorNamesTheKey(t *testing.T) {
	suite, _ := fakeSuite()
	s, err := decode(map[string]any{"beta": map[string]any{"entries": "x.Y"}}, suite)
	if err != nil {
		t.Fatal(err)
	}
	err = s.apply()
	if err == nil || err.Error() != "leakvet settings: beta.entries: entry x.Y does not parse" {
		t.Errorf("apply error = %v", err)
	}
}

// The keys come from the flags of every analyzer in the suite, so a flag
// added to an analyzer is a setting at once.
func TestKeysFollowTheSuite(t *testing.T) {
	got := keys(analyzers.All())
	if got[0] != disableKey {
		t.Errorf("keys start with %q, want %q", got[0], disableKey)
	}
	for _, a := range analyzers.All() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !slices.Contains(got, a.Name+"."+f.Name) {
				t.Errorf("keys %v lack %s.%s", got, a.Name, f.Name)
			}
		})
	}
	if !slices.Contains(got, "unclosed.types") {
		t.Errorf("keys %v lack unclosed.types", got)
	}
}

// The example configuration documents every setting with its default.
func TestExampleConfigDocumentsEverySetting(t *testing.T) {
	data, err := os.ReadFile("../.golangci.example.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	settingsAt := strings.Index(text, "        settings:\n")
	block := regexp.MustCompile(`(?m)^    custom:\n      leakvet:\n(?:        #.*\n)*        type: module\n`)
	if !block.MatchString(text) || settingsAt < 0 {
		t.Fatalf(".golangci.example.yml has no linters.settings.custom.leakvet block with type: module and settings")
	}
	section := text[settingsAt:]
	// Each key is written nested, preceded by a comment giving its default.
	documented := func(indent, key, def string) bool {
		re := regexp.MustCompile(`(?m)^` + indent + `# .*\n(?:` + indent + `#.*\n)*` + indent + `# Default: ` + regexp.QuoteMeta(def) + `.*\n` + indent + regexp.QuoteMeta(key) + `:`)
		return re.MatchString(section)
	}
	if !documented("          ", disableKey, "[] (every analyzer runs)") {
		t.Errorf(".golangci.example.yml does not document %q with its default", disableKey)
	}
	if !documented("          ", generatedKey, "false") {
		t.Errorf(".golangci.example.yml does not document %q with its default", generatedKey)
	}
	for _, a := range analyzers.All() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(section, "\n          "+a.Name+":\n") {
				t.Errorf(".golangci.example.yml has no %s: block for %s.%s", a.Name, a.Name, f.Name)
			}
			def := f.DefValue
			if def == "" {
				def = `""`
			}
			if !documented("            ", f.Name, def) {
				t.Errorf(".golangci.example.yml does not document %s.%s with its default %s", a.Name, f.Name, def)
			}
		})
	}
}
