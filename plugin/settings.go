package plugin

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/report"
)

// disableKey is the setting that lists analyzers to switch off.
const disableKey = "disable"

// generatedKey is the setting that includes generated files, like the
// command line's -generated.
const generatedKey = "generated"

// settings are the decoded plugin settings.
type settings struct {
	// disabled holds the names of the analyzers switched off.
	disabled map[string]bool
	// flags are the analyzer flags to set, in key order.
	flags []flagSetting
	// generated, when set, is the value for report.IncludeGenerated.
	generated *bool
}

// flagSetting is one ANALYZER.FLAG key and the value for its flag.
type flagSetting struct {
	key   string
	flag  *flag.Flag
	value string
}

// apply sets the analyzer flags and the generated-files switch.
func (s *settings) apply() error {
	if s.generated != nil {
		report.IncludeGenerated = *s.generated
	}
	for _, fs := range s.flags {
		if err := fs.flag.Value.Set(fs.value); err != nil {
			return fmt.Errorf("leakvet settings: %s: %w", fs.key, err)
		}
	}
	return nil
}

// keyOf is the settings key of an analyzer's flag.
func keyOf(a *analysis.Analyzer, f *flag.Flag) string {
	return a.Name + "." + f.Name
}

// keys lists every settings key the suite accepts: "disable",
// "generated" and one ANALYZER.FLAG per analyzer flag.
func keys(suite []*analysis.Analyzer) []string {
	ks := []string{disableKey, generatedKey}
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) { ks = append(ks, keyOf(a, f)) })
	}
	sort.Strings(ks[2:])
	return ks
}

// decode checks and decodes the raw settings golangci-lint passes. The
// keys are derived from the analyzers' flags, so a flag added to an
// analyzer is a setting with no change here.
func decode(conf any, suite []*analysis.Analyzer) (*settings, error) {
	raw, err := register.DecodeSettings[map[string]any](conf)
	if err != nil {
		return nil, fmt.Errorf("leakvet settings: want a mapping of keys (%s): %w", strings.Join(keys(suite), ", "), err)
	}
	// Flatten ANALYZER: {FLAG: value} to ANALYZER.FLAG: value. The
	// golangci-lint configuration loader turns a dotted key into this
	// nested form, so both spellings arrive here nested.
	flat := make(map[string]any)
	for k, v := range raw {
		k = strings.ToLower(k)
		nested, isMap := v.(map[string]any)
		if !isMap || k == disableKey || k == generatedKey {
			if _, dup := flat[k]; dup {
				return nil, fmt.Errorf("leakvet settings: key %q is given twice", k)
			}
			flat[k] = v
			continue
		}
		for k2, v2 := range nested {
			full := k + "." + strings.ToLower(k2)
			if _, dup := flat[full]; dup {
				return nil, fmt.Errorf("leakvet settings: key %q is given twice", full)
			}
			flat[full] = v2
		}
	}
	names := make([]string, 0, len(flat))
	for k := range flat {
		names = append(names, k)
	}
	sort.Strings(names)

	s := &settings{disabled: make(map[string]bool)}
	for _, k := range names {
		v := flat[k]
		if k == disableKey {
			if err := s.decodeDisable(v, suite); err != nil {
				return nil, err
			}
			continue
		}
		if k == generatedKey {
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("leakvet settings: key %q: wants a boolean, got %s", k, describe(v))
			}
			s.generated = &b
			continue
		}
		a, f := lookup(k, suite)
		if f == nil {
			return nil, unknownKey(k, suite)
		}
		value, err := flagValue(f, v)
		if err != nil {
			return nil, fmt.Errorf("leakvet settings: key %q: %w", k, err)
		}
		s.flags = append(s.flags, flagSetting{key: keyOf(a, f), flag: f, value: value})
	}
	return s, nil
}

// decodeDisable decodes the list of analyzers to switch off.
func (s *settings) decodeDisable(v any, suite []*analysis.Analyzer) error {
	list, ok := v.([]any)
	if !ok && v != nil {
		return fmt.Errorf("leakvet settings: key %q wants a list of analyzer names, got %s", disableKey, describe(v))
	}
	var all []string
	for _, a := range suite {
		all = append(all, a.Name)
	}
	for i, item := range list {
		name, ok := item.(string)
		if !ok {
			return fmt.Errorf("leakvet settings: key %q, item %d: want an analyzer name, got %s", disableKey, i+1, describe(item))
		}
		if !slices.Contains(all, name) {
			return fmt.Errorf("leakvet settings: key %q: no analyzer named %q (the analyzers are %s)", disableKey, name, strings.Join(all, ", "))
		}
		s.disabled[name] = true
	}
	if len(s.disabled) == len(suite) {
		return fmt.Errorf("leakvet settings: key %q switches off every analyzer; remove leakvet from linters.enable instead", disableKey)
	}
	return nil
}

// lookup finds the analyzer flag a key names, without regard to case.
func lookup(key string, suite []*analysis.Analyzer) (*analysis.Analyzer, *flag.Flag) {
	for _, a := range suite {
		var found *flag.Flag
		a.Flags.VisitAll(func(f *flag.Flag) {
			if strings.EqualFold(keyOf(a, f), key) {
				found = f
			}
		})
		if found != nil {
			return a, found
		}
	}
	return nil, nil
}

// unknownKey explains a key that names no setting.
func unknownKey(key string, suite []*analysis.Analyzer) error {
	name, _, dotted := strings.Cut(key, ".")
	known := strings.Join(keys(suite), ", ")
	isAnalyzer := slices.ContainsFunc(suite, func(a *analysis.Analyzer) bool { return strings.EqualFold(a.Name, name) })
	switch {
	case dotted && !isAnalyzer:
		return fmt.Errorf("leakvet settings: unknown key %q: no analyzer named %q (the keys are %s)", key, name, known)
	case !dotted && isAnalyzer:
		return fmt.Errorf("leakvet settings: unknown key %q: an analyzer takes a mapping of its flags; to switch it off, list it under %q (the keys are %s)", key, disableKey, known)
	}
	return fmt.Errorf("leakvet settings: unknown key %q (the keys are %s)", key, known)
}

// flagValue converts a settings value to the text the flag parses,
// checking that its type suits the flag: a boolean for a boolean flag, a
// number for a numeric one, a string otherwise (durations are strings
// such as "5s").
func flagValue(f *flag.Flag, v any) (string, error) {
	switch flagKind(f) {
	case "boolean":
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
	case "integer":
		if n, ok := v.(float64); ok && n == math.Trunc(n) {
			return strconv.FormatFloat(n, 'f', -1, 64), nil
		}
	case "number":
		if n, ok := v.(float64); ok {
			return strconv.FormatFloat(n, 'g', -1, 64), nil
		}
	default:
		if s, ok := v.(string); ok {
			return s, nil
		}
	}
	return "", fmt.Errorf("wants %s, got %s", article(flagKind(f)), describe(v))
}

// flagKind names the type of value a flag takes.
func flagKind(f *flag.Flag) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return "boolean"
	}
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case int, int64, uint, uint64:
			return "integer"
		case float64:
			return "number"
		case time.Duration:
			return "duration string"
		}
	}
	return "string"
}

func article(kind string) string {
	if kind == "integer" {
		return "an integer"
	}
	return "a " + kind
}

// describe names the type of a decoded settings value.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "no value"
	case bool:
		return fmt.Sprintf("a boolean (%v)", v)
	case float64:
		return fmt.Sprintf("a number (%v)", v)
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}
