package driver

import (
	"slices"
	"testing"
)

// TestWithoutModfile pins how -modfile moves from GOFLAGS to a build flag.
func TestWithoutModfile(t *testing.T) {
	for _, tc := range []struct {
		env, want []string
		modfile   string
	}{
		{
			env:  []string{"HOME=/h", "GOFLAGS=-mod=mod"},
			want: []string{"HOME=/h", "GOFLAGS=-mod=mod"},
		},
		{
			env:     []string{"GOFLAGS=-modfile=go_test.mod", "HOME=/h"},
			want:    []string{"GOFLAGS=", "HOME=/h"},
			modfile: "go_test.mod",
		},
		{
			env:     []string{"GOFLAGS=-mod=mod --modfile=/abs/alt.mod -trimpath"},
			want:    []string{"GOFLAGS=-mod=mod -trimpath"},
			modfile: "/abs/alt.mod",
		},
		{
			env:  []string{"HOME=/h"},
			want: []string{"HOME=/h"},
		},
	} {
		got, modfile := withoutModfile(tc.env)
		if !slices.Equal(got, tc.want) || modfile != tc.modfile {
			t.Errorf("withoutModfile(%q) = %q, %q; want %q, %q", tc.env, got, modfile, tc.want, tc.modfile)
		}
	}
}
