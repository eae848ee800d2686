package toolchain

import (
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		goVersion, builtWith string
		tooNew               bool
	}{
		{"go1.27.0", "go1.26.8", true},
		{"go1.27rc1", "go1.26.8", true},
		{"go1.28.2", "go1.26.0", true},
		// Compatible: the same language version, or an older one.
		{"go1.26.9", "go1.26.8", false},
		{"go1.26.0", "go1.26.8", false},
		{"go1.25.3", "go1.26.8", false},
		{"go1.26rc2", "go1.26.0", false},
		// Unknown versions are left to the analysis.
		{"", "go1.26.8", false},
		{"devel go1.27-0a1b2c3d", "go1.26.8", false},
	} {
		err := Check(tc.goVersion, tc.builtWith)
		var tooNew *TooNewError
		if got := errors.As(err, &tooNew); got != tc.tooNew {
			t.Errorf("Check(%q, %q) = %v, want an error: %v", tc.goVersion, tc.builtWith, err, tc.tooNew)
			continue
		}
		if err == nil {
			continue
		}
		msg := err.Error()
		for _, want := range []string{tc.goVersion, tc.builtWith, "GOTOOLCHAIN=" + tc.goVersion + " go install"} {
			if !strings.Contains(msg, want) {
				t.Errorf("Check(%q, %q) = %q, want it to name %q", tc.goVersion, tc.builtWith, msg, want)
			}
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("message is not one line: %q", msg)
		}
	}
}

func TestGoVersion(t *testing.T) {
	v, err := GoVersion("", nil)
	if err != nil || !strings.HasPrefix(v, "go1.") {
		t.Errorf("GoVersion = %q, %v; want the go command's version", v, err)
	}
}
