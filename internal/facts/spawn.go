package facts

import (
	"fmt"
	"strings"
)

// Spawns is an object fact on a function that starts a goroutine which
// returns only when some of the function's parameters fire: a caller
// that passes dead stop sources for every parameter of one set (a
// context from context.Background, a channel nothing closes) starts a
// goroutine that can never be stopped.
type Spawns struct {
	// Sets lists, per such goroutine, the parameters it waits on; Where
	// says where the goroutine starts and waits.
	Sets []StopSet
}

// AFact marks Spawns as an analysis fact.
func (*Spawns) AFact() {}

// String renders the fact for `// want name:"..."` comments:
// "SpawnsStoppedBy(0:ctx)", sets separated by spaces.
func (s *Spawns) String() string {
	var parts []string
	for _, set := range s.Sets {
		var ps []string
		for _, p := range set.Params {
			ps = append(ps, fmt.Sprintf("%d:%s", p.Index, p.Mode))
		}
		parts = append(parts, "SpawnsStoppedBy("+strings.Join(ps, ",")+")")
	}
	return strings.Join(parts, " ")
}
