package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	dep := func(path, v string, replaced bool) *debug.Module {
		m := &debug.Module{Path: path, Version: v}
		if replaced {
			m.Replace = &debug.Module{Path: "../leakvet"}
		}
		return m
	}
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install at a tag", debug.BuildInfo{Main: debug.Module{Path: Module, Version: "v1.2.3"}}, "v1.2.3"},
		{"go install at a pseudo-version", debug.BuildInfo{Main: debug.Module{Path: Module, Version: "v0.0.0-20261206191500-fec918d1a2b3"}}, "v0.0.0-20261206191500-fec918d1a2b3"},
		{"go tool at a tag", debug.BuildInfo{Main: debug.Module{Path: "example.com/app", Version: "(devel)"}, Deps: []*debug.Module{dep(Module, "v1.2.3", false)}}, "v1.2.3"},
		{"go tool through a replace", debug.BuildInfo{Main: debug.Module{Path: "example.com/app", Version: "(devel)"}, Deps: []*debug.Module{dep(Module, "v0.0.0", true)}}, Next + "-devel"},
		{"clone with -buildvcs=false", debug.BuildInfo{Main: debug.Module{Path: Module, Version: "(devel)"}}, Next + "-devel"},
		{"clone, clean tree", debug.BuildInfo{
			Main:     debug.Module{Path: Module, Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "fec918d1a2b3c4d5e6f708192a3b4c5d6e7f8091"}, {Key: "vcs.modified", Value: "false"}},
		}, Next + "-devel+fec918d1a2b3"},
		{"clone, modified tree", debug.BuildInfo{
			Main:     debug.Module{Path: Module, Version: "v0.1.1-0.20261206191500-fec918d1a2b3+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "fec918d1a2b3c4d5e6f708192a3b4c5d6e7f8091"}, {Key: "vcs.modified", Value: "true"}},
		}, Next + "-devel+fec918d1a2b3.dirty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fromBuildInfo(&tc.info); got != tc.want {
				t.Errorf("version = %q, want %q", got, tc.want)
			}
		})
	}
}

// The running test binary has build information of its own; whatever it
// says, the version is never the go command's "(devel)" nor empty.
func TestStringNeverDevel(t *testing.T) {
	if v := String(); v == "" || v == "(devel)" {
		t.Errorf("String() = %q", v)
	}
}
