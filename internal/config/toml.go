package config

import (
	"fmt"
	"strconv"
	"strings"
)

// entry is one key = value line of the file, with the key qualified by
// its [section].
type entry struct {
	key   string
	value any // bool, string, number or []string
	line  int
	// itemLines are the lines of an array's items, which may span lines.
	itemLines []int
}

// number is a numeric value, kept as written for the flag to parse.
type number string

// parseTOML parses the subset of TOML the file uses: [section] headers,
// key = value lines (bare or dotted keys), # comments, and values that
// are basic "strings" (Go escapes), 'literal strings', true, false,
// numbers and arrays of strings, which may span lines. An error starts
// with the line number.
func parseTOML(data []byte) ([]entry, error) {
	lines := strings.Split(string(data), "\n")
	var out []entry
	section := ""
	for i := 0; i < len(lines); i++ {
		n := i + 1
		text := strings.TrimSpace(stripComment(lines[i]))
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "[") {
			name, ok := strings.CutSuffix(strings.TrimPrefix(text, "["), "]")
			name = strings.TrimSpace(name)
			if !ok || !isBareKey(name) {
				return nil, fmt.Errorf("%d: want a section header such as [unclosed], got %s", n, text)
			}
			section = name
			continue
		}
		key, raw, ok := strings.Cut(text, "=")
		key, raw = strings.TrimSpace(key), strings.TrimSpace(raw)
		if !ok || key == "" {
			return nil, fmt.Errorf("%d: want key = value, got %s", n, text)
		}
		for _, part := range strings.Split(key, ".") {
			if !isBareKey(part) {
				return nil, fmt.Errorf("%d: key %q: want letters, digits, - and _ separated by dots", n, key)
			}
		}
		// An array may continue on the following lines up to its ].
		starts, startLines := []int{0}, []int{n}
		for strings.HasPrefix(raw, "[") && !closedArray(raw) && i+1 < len(lines) {
			i++
			raw += " "
			starts, startLines = append(starts, len(raw)), append(startLines, i+1)
			raw += strings.TrimSpace(stripComment(lines[i]))
		}
		v, err := parseValue(raw)
		if err != nil {
			return nil, fmt.Errorf("%d: key %q: %v", n, key, err)
		}
		if section != "" {
			key = section + "." + key
		}
		e := entry{key: key, value: v, line: n}
		if strings.HasPrefix(raw, "[") {
			_, offsets, _ := splitArray(raw)
			for _, off := range offsets {
				line := n
				for k, s := range starts {
					if s <= off+1 { // offsets count from after the [
						line = startLines[k]
					}
				}
				e.itemLines = append(e.itemLines, line)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '_' && r != '-' && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') && !('0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// stripComment removes a # comment that is not inside a string.
func stripComment(line string) string {
	var q quoting
	for i, r := range line {
		if !q.inString(r) && r == '#' {
			return line[:i]
		}
	}
	return line
}

// closedArray reports whether the array text raw has its closing ].
func closedArray(raw string) bool {
	_, _, err := splitArray(raw)
	return err == nil
}

// parseValue parses one value.
func parseValue(raw string) (any, error) {
	switch {
	case raw == "":
		return nil, fmt.Errorf("missing value")
	case raw == "true" || raw == "false":
		return raw == "true", nil
	case raw[0] == '"' || raw[0] == '\'':
		return parseString(raw)
	case raw[0] == '[':
		items, _, err := splitArray(raw)
		if err != nil {
			return nil, err
		}
		out := []string{}
		for _, it := range items {
			s, err := parseString(it)
			if err != nil {
				return nil, fmt.Errorf("array item %s: %v", it, err)
			}
			out = append(out, s)
		}
		return out, nil
	}
	if _, err := strconv.ParseFloat(strings.ReplaceAll(raw, "_", ""), 64); err == nil {
		return number(strings.ReplaceAll(raw, "_", "")), nil
	}
	return nil, fmt.Errorf("value %s is not a string (quote it), boolean, number or array", raw)
}

// parseString parses a "basic" or 'literal' string that fills raw.
func parseString(raw string) (string, error) {
	if len(raw) >= 2 && raw[0] == '\'' && raw[len(raw)-1] == '\'' && !strings.Contains(raw[1:len(raw)-1], "'") {
		return raw[1 : len(raw)-1], nil
	}
	if len(raw) >= 2 && raw[0] == '"' {
		s, err := strconv.Unquote(raw)
		if err == nil {
			return s, nil
		}
	}
	return "", fmt.Errorf("want a quoted string, got %s", raw)
}

// splitArray splits "[a, b, c]" into its items and their offsets in raw
// after the [, allowing a trailing comma, and fails when the ] is missing.
func splitArray(raw string) ([]string, []int, error) {
	body := strings.TrimPrefix(raw, "[")
	var items []string
	var offsets []int
	var cur strings.Builder
	start := -1
	var q quoting
	for i, r := range body {
		if start < 0 && r != ' ' && r != '\t' && r != ',' && r != ']' {
			start = i
		}
		switch {
		case q.inString(r):
		case r == ',' || r == ']':
			if it := strings.TrimSpace(cur.String()); it != "" {
				items = append(items, it)
				offsets = append(offsets, start)
			} else if r == ',' {
				return nil, nil, fmt.Errorf("empty array item")
			}
			cur.Reset()
			start = -1
			if r == ']' {
				if rest := strings.TrimSpace(body[i+1:]); rest != "" {
					return nil, nil, fmt.Errorf("unexpected %s after the array", rest)
				}
				return items, offsets, nil
			}
			continue
		}
		cur.WriteRune(r)
	}
	return nil, nil, fmt.Errorf("array without its closing ]")
}

// quoting follows TOML's basic ("...", with backslash escapes) and literal
// ('...') strings through a line, one rune at a time.
type quoting struct {
	quote   rune // the open string's quote, or 0
	escaped bool // the previous rune was a backslash in a basic string
}

// inString takes the next rune r and reports whether it belongs to a
// string, its quotes included; false means r is plain TOML syntax.
func (q *quoting) inString(r rune) bool {
	switch {
	case q.escaped:
		q.escaped = false
	case q.quote == '"' && r == '\\':
		q.escaped = true
	case q.quote != 0:
		if r == q.quote {
			q.quote = 0
		}
	case r == '"' || r == '\'':
		q.quote = r
	default:
		return false
	}
	return true
}
