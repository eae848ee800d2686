package lsp

import (
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Settings keys beyond the analyzers' flags: the plugin's list of
// analyzers to switch off, and the command line's build tags and baseline.
const (
	disableKey  = "disable"
	tagsKey     = "tags"
	baselineKey = "baseline"
)

// settingsKeys lists every key the server accepts: "disable", "tags" and
// one ANALYZER.FLAG per analyzer flag, the keys of the golangci-lint
// plugin and the command line.
func settingsKeys(suite []*analysis.Analyzer) []string {
	var ks []string
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) { ks = append(ks, a.Name+"."+f.Name) })
	}
	sort.Strings(ks)
	return append([]string{baselineKey, disableKey, tagsKey}, ks...)
}

// decodeSettings turns settings, as sent in initializationOptions or
// workspace/didChangeConfiguration, into command-line arguments for the
// driver. Settings may be wrapped in an object with the single key
// "leakvet" (as VS Code sends its configuration section). Keys are
// "disable": [names], "tags": "a,b", and ANALYZER: {FLAG: value} or
// "ANALYZER.FLAG": value. Every key that is unknown or has a value of the
// wrong type gives one problem; the other keys still apply.
func decodeSettings(raw json.RawMessage, suite []*analysis.Analyzer) (args []string, problems []string) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var top map[string]any
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, []string{fmt.Sprintf("leakvet settings: want an object of keys (%s): %v", strings.Join(settingsKeys(suite), ", "), err)}
	}
	if inner, ok := top["leakvet"].(map[string]any); ok && len(top) == 1 {
		top = inner
	}
	flat := make(map[string]any)
	for k, v := range top {
		nested, isMap := v.(map[string]any)
		if !isMap {
			flat[k] = v
			continue
		}
		for k2, v2 := range nested {
			flat[k+"."+k2] = v2
		}
	}
	names := make([]string, 0, len(flat))
	for k := range flat {
		names = append(names, k)
	}
	sort.Strings(names)
	known := strings.Join(settingsKeys(suite), ", ")
	for _, k := range names {
		v := flat[k]
		switch k {
		case disableKey:
			disabled, problem := decodeDisable(v, suite)
			if problem != "" {
				problems = append(problems, problem)
				continue
			}
			for _, name := range disabled {
				args = append(args, "-"+name+"=false")
			}
			continue
		case tagsKey:
			s, ok := stringOrList(v)
			if !ok {
				problems = append(problems, fmt.Sprintf("leakvet settings: key %q wants a string or a list of strings, got %s", k, describe(v)))
				continue
			}
			args = append(args, "-tags="+s)
			continue
		case baselineKey:
			s, ok := v.(string)
			if !ok || s == "" {
				problems = append(problems, fmt.Sprintf("leakvet settings: key %q wants the path of a baseline file, got %s", k, describe(v)))
				continue
			}
			args = append(args, "-baseline="+s)
			continue
		}
		f := lookupFlag(k, suite)
		if f == nil {
			problems = append(problems, fmt.Sprintf("leakvet settings: unknown key %q (the keys are %s)", k, known))
			continue
		}
		text, ok := flagText(f, v)
		if !ok {
			problems = append(problems, fmt.Sprintf("leakvet settings: key %q wants %s, got %s", k, flagKind(f), describe(v)))
			continue
		}
		args = append(args, "-"+k+"="+text)
	}
	return args, problems
}

// decodeDisable checks the list of analyzers to switch off.
func decodeDisable(v any, suite []*analysis.Analyzer) ([]string, string) {
	var all []string
	for _, a := range suite {
		all = append(all, a.Name)
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Sprintf("leakvet settings: key %q wants a list of analyzer names (%s), got %s", disableKey, strings.Join(all, ", "), describe(v))
	}
	var names []string
	for _, item := range list {
		name, ok := item.(string)
		if !ok || !slices.Contains(all, name) {
			return nil, fmt.Sprintf("leakvet settings: key %q: %s is not an analyzer (the analyzers are %s)", disableKey, describe(item), strings.Join(all, ", "))
		}
		names = append(names, name)
	}
	if len(names) == len(all) {
		return nil, fmt.Sprintf("leakvet settings: key %q switches off every analyzer; stop the server instead", disableKey)
	}
	return names, ""
}

// lookupFlag finds the analyzer flag named by an ANALYZER.FLAG key.
func lookupFlag(key string, suite []*analysis.Analyzer) *flag.Flag {
	name, flagName, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	for _, a := range suite {
		if a.Name == name {
			return a.Flags.Lookup(flagName)
		}
	}
	return nil
}

// flagText converts a settings value to the text of a flag, checking its
// type: a boolean for a boolean flag, a number for a numeric one, and for
// the others a string or a list of strings (joined with commas, as the
// list flags take them).
func flagText(f *flag.Flag, v any) (string, bool) {
	switch flagKind(f) {
	case "a boolean":
		b, ok := v.(bool)
		return strconv.FormatBool(b), ok
	case "a number":
		n, ok := v.(float64)
		return strconv.FormatFloat(n, 'g', -1, 64), ok
	}
	return stringOrList(v)
}

// stringOrList accepts a string or a list of strings, joined by commas.
func stringOrList(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []any:
		var parts []string
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), true
	}
	return "", false
}

// flagKind names the type of value a flag takes.
func flagKind(f *flag.Flag) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return "a boolean"
	}
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case int, int64, uint, uint64, float64:
			return "a number"
		}
	}
	return "a string or a list of strings"
}

// describe names the type of a decoded JSON value.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("a boolean (%v)", v)
	case float64:
		return fmt.Sprintf("a number (%v)", v)
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
