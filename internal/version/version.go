// Package version says which leakvet a binary is.
//
// A binary installed from the module proxy (go install ...@v1.2.3, or a
// go tool dependency at a tagged version) knows its module version from
// its build information. Every other build (a clone, a replace directive,
// a build with -buildvcs=false or from a source archive) does not, and
// would say "(devel)", which names nothing a user can report or a SARIF
// consumer can compare. Those builds say Next plus "-devel", and the
// commit when the build recorded one, so a version is never empty and
// always orders before the release it leads to.
package version

import (
	"runtime/debug"
	"strings"
)

// Module is leakvet's module path.
const Module = "github.com/leakvet/leakvet"

// Next is the release the source tree is heading for. Bump it in the
// commit that tags a release.
const Next = "v0.1.0"

// String returns the version of the running binary: its module version
// when it was built from a tagged module, or Next-devel, with the VCS
// revision when known ("v0.1.0-devel+3f2a9c1d0e4b", "+dirty" appended for
// a modified tree).
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Next + "-devel"
	}
	return fromBuildInfo(info)
}

// fromBuildInfo computes String from the build information of a binary.
func fromBuildInfo(info *debug.BuildInfo) string {
	if v := moduleVersion(info); v != "" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	v := Next + "-devel"
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v += "+" + rev
	if dirty {
		v += ".dirty"
	}
	return v
}

// moduleVersion returns leakvet's module version when the binary was
// built from a published one: as the main module (go install ...@v1.2.3)
// or as a dependency (go tool). Versions the go command makes up for
// untagged builds ("(devel)", pseudo-versions of a local checkout with
// "+dirty") and replaced modules do not count.
func moduleVersion(info *debug.BuildInfo) string {
	m := &info.Main
	if m.Path != Module {
		m = nil
		for _, d := range info.Deps {
			if d.Path == Module {
				m = d
				break
			}
		}
	}
	if m == nil || m.Replace != nil {
		return ""
	}
	if m.Version == "" || m.Version == "(devel)" || strings.HasSuffix(m.Version, "+dirty") {
		return ""
	}
	return m.Version
}
