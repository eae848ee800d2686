package lifecycle

import "strings"

// ListFlag is a flag.Value that feeds each comma-separated entry of its
// value to Add: the way every table (Default.Extend, Pools.Extend,
// Entries.Extend) is extended from the command line and from
// golangci-lint settings. The first entry Add rejects is the flag's error.
type ListFlag struct{ Add func(entry string) error }

// String returns the empty default: the tables' built-in entries are not
// flag values.
func (f ListFlag) String() string { return "" }

// Set adds each non-empty entry of s.
func (f ListFlag) Set(s string) error {
	for _, entry := range strings.Split(s, ",") {
		if entry = strings.TrimSpace(entry); entry == "" {
			continue
		}
		if err := f.Add(entry); err != nil {
			return err
		}
	}
	return nil
}
