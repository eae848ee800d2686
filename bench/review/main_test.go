package main

import "testing"

func TestActNoKind(t *testing.T) {
	cases := []struct {
		verdict, reason string
		kind            string
		acted           bool
	}{
		{"TP", "body never closed (act: yes)", "", true},
		{"TP", "only when the test already failed (act: no; fail-path)", "fail-path", false},
		{"TP", "CLI exits right after (act: no; process)", "process", false},
		{"TP", "needs NewClient to fail (act: no; dead)", "dead", false},
		{"TP", "empty body, nothing held (act: no; other)", "other", true},
		{"TP", "old verdict without a kind (act: no)", "unspecified", true},
		{"FP", "typed nil, nothing to close (act: no)", "unspecified", false},
	}
	for _, c := range cases {
		v := verdict{Verdict: c.verdict, Reason: c.reason}
		if got := v.actNoKind(); got != c.kind {
			t.Errorf("actNoKind(%q) = %q, want %q", c.reason, got, c.kind)
		}
		if got := v.actedByIssueDefinition(); got != c.acted {
			t.Errorf("actedByIssueDefinition(%s %q) = %v, want %v", c.verdict, c.reason, got, c.acted)
		}
	}
}
