package lifecycle

import (
	"fmt"
	"go/token"
	"go/types"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// A PoolSite is an expression that builds a connection pool: an
// allocation or constructor call of the pool table, or a call of a helper
// whose summary (ConstructsPool) says it builds one. Each site is tracked
// like a resource to learn whether the pool outlives the function or the
// loop iteration that built it.
type PoolSite struct {
	// Fn is the function holding the site.
	Fn *ssa.Function
	// Instr is the *ssa.Alloc or the call instruction.
	Instr ssa.Instruction
	// Kind is the pool kind: noun and release methods.
	Kind *Kind
	// Callee is the called constructor or helper; nil for an allocation
	// and for a function literal.
	Callee *types.Func
	// Helper, for a call of a helper, says what it builds.
	Helper *facts.BuiltPool
	// Local: a helper of this package (a function or a function literal)
	// builds and drops the pool itself. Where the helper runs per request
	// its own constructor is reported; a call of it inside a loop is the
	// site that counts for the loop.
	Local bool
	// helper is the called function, for Local sites.
	helper *ssa.Function
	// Value is the pool, or the helper's result holding it; nil when the
	// call drops it.
	Value ssa.Value
	// Events are what happens to Value in Fn.
	Events []Event
	// Released: it is shut down on some path (by the helper, for a helper
	// that drops it), so each repetition pays a fresh pool rather than
	// leaking one.
	Released bool
	// Kept: it is stored beyond the function (a global, a field of a
	// parameter or receiver, a map of theirs), sent, or handed to code
	// that may keep it.
	Kept bool
	// Returned is the index of the result that returns it, or -1;
	// Wrapped says the result holds it inside another value.
	Returned int
	Wrapped  bool
	// PerIteration: the site is in a loop of Fn (or Fn is the body of a
	// range-over-func loop) and no iteration's pool outlives its
	// iteration (kept, returned, carried to the next iteration, used after
	// the loop, stored in a container made before the loop, or handed to
	// a goroutine).
	PerIteration bool
	// TestFile: the site is in a _test.go file.
	TestFile bool
	// Optional: the pool is a default that a value the caller supplies
	// replaces (a phi merges it with something derived from a parameter:
	// `if opts.Transport != nil { tr = opts.Transport }`), so whether a
	// call builds one depends on its caller; or it is only the template
	// of Clone calls and never connects. It is neither reported nor
	// summarised.
	Optional bool
	// Conditional: a phi merges the pool with a shared one (`c :=
	// http.DefaultClient; if proxy != nil { c = &http.Client{...} }`): the
	// function builds one only in some configurations. The site is
	// reported where it runs per repetition, but callers are not told
	// (no ConstructsPool): through chains of helpers such conditions pile
	// up until a report would rarely be true.
	Conditional bool
}

// Via describes how the site builds the pool, for messages and facts:
// "sql.Open", "&http.Transport{}", "newClient → sql.Open".
func (s *PoolSite) Via() string {
	if s.Helper != nil {
		name := "a function literal"
		if s.Callee != nil {
			name = funcLabel(s.Callee)
		}
		return name + " → " + s.Helper.Via
	}
	if s.Callee != nil {
		return funcLabel(s.Callee)
	}
	return "&" + qualifiedType(s.Kind.Type) + "{}"
}

// funcLabel names a function qualified by its package's name, the way
// other packages call it: "sql.Open", "(*http.Transport).Clone".
func funcLabel(fn *types.Func) string {
	fn = fn.Origin()
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		if k, ok := TypeKeyOf(recv.Type()); ok {
			star := ""
			if _, isPtr := types.Unalias(recv.Type()).(*types.Pointer); isPtr {
				star = "*"
			}
			pkg := ""
			if fn.Pkg() != nil {
				pkg = fn.Pkg().Name() + "."
			}
			return "(" + star + pkg + k.Name + ")." + name
		}
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + name
	}
	return name
}

// qualifiedType renders a type key with its package's last path element
// ("http.Transport"), skipping a major-version suffix ("pgxpool.Pool" for
// github.com/jackc/pgx/v5/pgxpool, "mq.Pool" for example.com/mq/v2).
func qualifiedType(k TypeKey) string {
	dir, base := path.Split(k.Pkg)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" && dir != "" {
		base = path.Base(strings.TrimSuffix(dir, "/"))
	}
	return base + "." + k.Name
}

// poolState is what the engine knows about the package's pools.
type poolState struct {
	entries    map[*ssa.Function]string
	perRequest map[*ssa.Function]*Repetition
	summaries  map[*ssa.Function]*facts.Pool
	busy       map[*ssa.Function]bool
	imported   map[*types.Func]*facts.Pool
	sites      []*PoolSite
	at         map[ssa.Instruction]*PoolSite
}

// Pools returns the package's pool sites in source order, helper calls
// included.
func (r *Result) Pools() []*PoolSite {
	if r.e == nil || r.e.pool == nil {
		return nil
	}
	return r.e.pool.sites
}

// PoolAt returns the pool site at instr (an allocation or a call), or nil.
func (r *Result) PoolAt(instr ssa.Instruction) *PoolSite {
	if r.e == nil || r.e.pool == nil {
		return nil
	}
	return r.e.pool.at[instr]
}

// PerRepetition says why site builds a pool per repetition, or returns
// nil when it does not: the pool is built
//   - in a function reachable from a per-request entry (Entry set) and
//     neither kept nor returned; a call of a local helper that builds
//     and drops a pool does not count, the helper's own constructor does;
//   - or in a loop of its own function or the body of a range-over-func
//     loop (Loop is the site itself), and no iteration's pool outlives its
//     iteration; this includes a call of a helper, local or not, that
//     builds one per call, unless the helper already runs per request.
//
// A call of a helper that builds its pool per iteration of a loop of its
// own is never the site: the loop inside is.
//
// Optional pools are never built per repetition. In _test.go files only
// loops repeat (see testLoop).
func (r *Result) PerRepetition(site *PoolSite) *Repetition {
	if site.Optional {
		return nil
	}
	if h := site.Helper; h != nil && h.Result < 0 && h.PerIteration {
		return nil // reported at the loop inside the helper
	}
	if site.TestFile {
		return r.testLoop(site)
	}
	if rep := r.PerRequest(site.Fn); rep != nil && !site.Kept && site.Returned < 0 && !site.Local {
		return rep
	}
	if site.PerIteration {
		if site.Local && r.PerRequest(site.helper) != nil {
			return nil
		}
		return &Repetition{Loop: site.Instr}
	}
	return nil
}

// testLoop says whether a site of a _test.go file builds a pool per
// iteration of a loop in a test: a call of a function that builds and
// drops one on every call (a client whose Send makes a new transport:
// the test loop shows the bug, the fix is in the callee), or a pool
// built in the loop that the iteration does not shut down. A pool the
// iteration builds and closes is a fresh fixture per case, and a pool of
// the resource table (sql.Open) built in the loop is testcleanup's to
// report, as any resource a test creates; neither repeats here. Handlers
// declared in tests are not per-request entries.
func (r *Result) testLoop(site *PoolSite) *Repetition {
	if !site.PerIteration {
		return nil
	}
	if h := site.Helper; h != nil {
		if h.Result >= 0 || site.Local && r.PerRequest(site.helper) != nil {
			return nil // a constructor called per case, or reported inside
		}
		return &Repetition{Loop: site.Instr}
	}
	if site.Released || r.e.table.KindOfType(site.Kind.Type) != nil {
		return nil
	}
	return &Repetition{Loop: site.Instr}
}

// BuiltByTestCode reports whether a _test.go file builds the site's
// pool: the site itself is an allocation or constructor call in a test
// file, or, for a call of a helper, the construction its summary names
// sits in one (a test helper or a function literal of the test). Such a
// pool is a fixture the test chose to build, not a library's habit.
func (s *PoolSite) BuiltByTestCode() bool {
	if !s.TestFile {
		return false
	}
	if s.Helper == nil {
		return true
	}
	file, _, _ := strings.Cut(s.Helper.Where, ":")
	return strings.HasSuffix(file, "_test.go")
}

// PoolPerRepetition returns the pool site at instr when it builds a pool
// per repetition (PerRepetition), nil otherwise. Such a pool is
// clientreuse's to report, leaked or not; other analyzers leave it alone.
func (r *Result) PoolPerRepetition(instr ssa.Instruction) *PoolSite {
	if s := r.PoolAt(instr); s != nil && r.PerRepetition(s) != nil {
		return s
	}
	return nil
}

// analysePools finds the pool sites of the package, decides their fate,
// computes the repeated functions and exports the ConstructsPool facts.
func (e *engine) analysePools(funcs []*ssa.Function) {
	ps := &poolState{
		summaries: make(map[*ssa.Function]*facts.Pool),
		busy:      make(map[*ssa.Function]bool),
		imported:  make(map[*types.Func]*facts.Pool),
		at:        make(map[ssa.Instruction]*PoolSite),
	}
	e.pool = ps
	for _, fn := range funcs {
		e.poolSummary(fn)
	}
	sort.SliceStable(ps.sites, func(i, j int) bool { return ps.sites[i].Instr.Pos() < ps.sites[j].Instr.Pos() })
	ps.entries = e.requestEntries(funcs)
	ps.perRequest = e.computePerRequest(funcs, ps.entries)
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		if s := ps.summaries[fn]; s != nil && len(s.Builds) > 0 {
			e.pass.ExportObjectFact(obj, s)
		}
	}
}

// poolSummary returns what calling fn builds, computing fn's pool sites
// on first use. It returns nil for a recursive call still being
// summarised and for functions of other packages without a fact.
func (e *engine) poolSummary(fn *ssa.Function) *facts.Pool {
	ps := e.pool
	if fn.Blocks == nil || !e.isLocal(fn) {
		return e.importedPool(fn)
	}
	if s, ok := ps.summaries[fn]; ok {
		return s
	}
	if ps.busy[fn] {
		return nil
	}
	ps.busy[fn] = true
	sites := e.findPoolSites(fn)
	delete(ps.busy, fn)
	s := &facts.Pool{}
	for _, site := range sites {
		if site.Instr.Pos().IsValid() && ps.at[site.Instr] == nil {
			ps.sites = append(ps.sites, site)
			ps.at[site.Instr] = site
		}
		addBuilt(s, e.builtBy(site))
	}
	ps.summaries[fn] = s
	return s
}

// addBuilt adds b to s unless s already says as much.
func addBuilt(s *facts.Pool, b *facts.BuiltPool) {
	if b == nil {
		return
	}
	if b.Result < 0 {
		if _, ok := s.Dropped(); ok {
			return
		}
	} else if _, ok := s.Returned(b.Result); ok {
		return
	}
	s.Builds = append(s.Builds, *b)
}

// builtBy says what a call of site's function builds because of site:
// nothing when the pool is kept beyond the call.
func (e *engine) builtBy(site *PoolSite) *facts.BuiltPool {
	if site.Kept || site.Optional || site.Conditional {
		return nil
	}
	b := &facts.BuiltPool{
		Result:  -1,
		Noun:    site.Kind.Noun,
		Kind:    site.Kind.Name,
		Release: site.Kind.Release,
		Via:     site.Via(),
		Where:   e.where(site.Instr.Pos()),
		Closed:  site.Released,
	}
	if site.Helper != nil {
		b.Where = site.Helper.Where
	}
	if site.Returned >= 0 {
		b.Result, b.Wrapped, b.Closed = site.Returned, site.Wrapped, false
	} else {
		b.PerIteration = site.PerIteration || site.Helper != nil && site.Helper.PerIteration
	}
	return b
}

// where renders pos as "file.go:12".
func (e *engine) where(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	p := e.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// importedPool returns the ConstructsPool fact of a function of another
// package, or nil.
func (e *engine) importedPool(fn *ssa.Function) *facts.Pool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == e.pass.Pkg || IsStdPath(obj.Pkg().Path()) {
		return nil
	}
	obj = obj.Origin()
	if s, ok := e.pool.imported[obj]; ok {
		return s
	}
	var s *facts.Pool
	if f := new(facts.Pool); e.pass.ImportObjectFact(obj, f) {
		s = f
	}
	e.pool.imported[obj] = s
	return s
}

// findPoolSites lists and decides fn's pool sites.
func (e *engine) findPoolSites(fn *ssa.Function) []*PoolSite {
	var out []*PoolSite
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Alloc:
				if key, ok := TypeKeyOf(x.Type()); ok {
					if k := Pools.Allocation(key); k != nil {
						out = append(out, &PoolSite{Fn: fn, Instr: x, Kind: k, Value: x})
					}
				}
			case ssa.CallInstruction:
				out = append(out, e.callPoolSites(fn, x)...)
			}
		}
	}
	test := e.inTestFile(fn)
	fresh := make(map[ssa.Value]bool, len(out))
	for _, s := range out {
		if s.Value != nil {
			fresh[s.Value] = true
		}
	}
	for _, s := range out {
		s.TestFile = test
		e.decidePool(s, fresh)
	}
	return out
}

// callPoolSites returns the sites of a call: a constructor of the pool
// table, or a helper whose summary says it builds pools.
func (e *engine) callPoolSites(fn *ssa.Function, instr ssa.CallInstruction) []*PoolSite {
	common := instr.Common()
	var obj *types.Func
	callee := common.StaticCallee()
	if common.IsInvoke() {
		obj = common.Method
	} else if callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	call, isCall := instr.(*ssa.Call)
	if obj != nil {
		if k := Pools.Constructor(FuncKeyOf(obj)); k != nil {
			s := &PoolSite{Fn: fn, Instr: instr, Kind: k, Callee: obj}
			if isCall {
				s.Value, _ = resultValues(call, 0)
			}
			return []*PoolSite{s}
		}
	}
	if callee == nil {
		return nil
	}
	sum := e.poolSummary(callee)
	if sum == nil {
		return nil
	}
	local := callee.Blocks != nil && e.isLocal(callee)
	var out []*PoolSite
	for i := range sum.Builds {
		b := sum.Builds[i]
		s := &PoolSite{Fn: fn, Instr: instr, Kind: e.poolKind(b), Callee: obj, Helper: &b}
		if b.Result < 0 {
			s.Local = local
			if local {
				s.helper = callee
			}
		} else if isCall {
			s.Value, _ = resultValues(call, b.Result)
		}
		out = append(out, s)
	}
	return out
}

// poolKind finds the kind a fact names, or rebuilds it from the fact.
func (e *engine) poolKind(b facts.BuiltPool) *Kind {
	if k := Pools.KindNamed(b.Kind); k != nil {
		return k
	}
	return &Kind{Name: b.Kind, Release: b.Release, Noun: b.Noun, Pool: true}
}

// KindNamed returns the pool kind with the given name, or nil.
func (p *PoolTable) KindNamed(name string) *Kind {
	for _, k := range p.ctors {
		if k.Name == name {
			return k
		}
	}
	for _, k := range p.allocs {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// decidePool tracks the site's pool through its function and sets the
// verdict fields.
func (e *engine) decidePool(s *PoolSite, fresh map[ssa.Value]bool) {
	s.Returned = -1
	if s.Helper != nil && s.Helper.Result < 0 {
		s.Released = s.Helper.Closed
	}
	loop := e.loopOf(s.Instr.Block())
	repeats := e.repeats(s.Instr)
	if s.Value == nil {
		s.PerIteration = repeats
		return
	}
	t := newTracker(e, s.Fn)
	t.pool = s.Kind
	if s.Helper != nil && s.Helper.Wrapped {
		// A value holding the pool (a client around a fresh transport).
		t.add(s.Value, &holder{role: roleContainer, fam: t.newFamily()})
	} else {
		t.add(s.Value, &holder{role: roleHandle, kind: s.Kind})
	}
	t.walk()
	s.Events = t.events
	for _, ev := range t.events {
		switch ev.Kind {
		case Release, DeferRelease:
			s.Released = true
		case Transfer:
			s.Kept = true
		case Return:
			if s.Returned < 0 {
				s.Returned, s.Wrapped = ev.Index, !ev.Direct
			}
		}
	}
	s.Optional = t.mergedWithParam() || onlyCloned(t.events)
	s.Conditional = t.mergedWithShared(fresh)
	s.PerIteration = repeats && !s.Kept && s.Returned < 0 && (loop < 0 || !t.outlivesIteration(loop))
}

// onlyCloned reports whether the pool is used for nothing but building
// other pools from it (a transport used as Clone's template): it never
// opens a connection, so it costs nothing.
func onlyCloned(events []Event) bool {
	if len(events) == 0 {
		return false
	}
	for _, ev := range events {
		if ev.Kind != Borrow || ev.Callee == nil {
			return false
		}
		obj, ok := ev.Callee.Object().(*types.Func)
		if !ok || Pools.Constructor(FuncKeyOf(obj)) == nil {
			return false
		}
	}
	return true
}

// mergedWithParam reports whether a phi merges a holder of the tracked
// value with a value derived from a parameter or free variable of the
// function: the tracked value is then a default the caller can replace.
func (t *tracker) mergedWithParam() bool {
	for v := range t.holders {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			continue
		}
		for _, edge := range phi.Edges {
			if _, held := t.holders[edge]; !held && derivedFromParam(edge, 0) {
				return true
			}
		}
	}
	return false
}

// mergedWithShared reports whether a phi merges a holder of the tracked
// value with a value that is neither nil, another holder, nor a pool the
// function builds (a fresh value of one of the fresh sites).
func (t *tracker) mergedWithShared(fresh map[ssa.Value]bool) bool {
	for v := range t.holders {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			continue
		}
		for _, edge := range phi.Edges {
			if _, held := t.holders[edge]; !held && !freshOrNil(edge, fresh, 0) {
				return true
			}
		}
	}
	return false
}

// freshOrNil reports whether v is nil, one of the fresh pool values, or a
// phi or conversion of those.
func freshOrNil(v ssa.Value, fresh map[ssa.Value]bool, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return x.IsNil()
	case *ssa.Phi:
		for _, e := range x.Edges {
			if e != x && !freshOrNil(e, fresh, depth+1) {
				return false
			}
		}
		return true
	case *ssa.MakeInterface:
		return freshOrNil(x.X, fresh, depth+1)
	case *ssa.ChangeInterface:
		return freshOrNil(x.X, fresh, depth+1)
	case *ssa.ChangeType:
		return freshOrNil(x.X, fresh, depth+1)
	}
	return fresh[v]
}

// derivedFromParam reports whether v is a parameter or free variable, or
// is read out of one (fields, loads, conversions, type assertions, a local
// variable initialised from one).
func derivedFromParam(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	case *ssa.Field:
		return derivedFromParam(v.X, depth+1)
	case *ssa.FieldAddr:
		return derivedFromParam(v.X, depth+1)
	case *ssa.UnOp:
		return v.Op == token.MUL && derivedFromParam(v.X, depth+1)
	case *ssa.TypeAssert:
		return derivedFromParam(v.X, depth+1)
	case *ssa.Extract:
		if ta, ok := v.Tuple.(*ssa.TypeAssert); ok {
			return derivedFromParam(ta.X, depth+1)
		}
	case *ssa.ChangeInterface:
		return derivedFromParam(v.X, depth+1)
	case *ssa.MakeInterface:
		return derivedFromParam(v.X, depth+1)
	case *ssa.ChangeType:
		return derivedFromParam(v.X, depth+1)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if e != v && derivedFromParam(e, depth+1) {
				return true
			}
		}
	case *ssa.Alloc:
		// A local variable (a struct whose fields the function sets)
		// initialised from a parameter.
		for _, r := range referrers(v) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == v && derivedFromParam(st.Val, depth+1) {
				return true
			}
		}
	}
	return false
}

// outlivesIteration reports whether a holder of the tracked value
// survives an iteration of the given loop of its function: it is defined
// or used outside the loop (a container made before it, a value used
// after it), carried to the next iteration by a phi on a back edge, or
// handed to a goroutine.
func (t *tracker) outlivesIteration(loop int) bool {
	in := func(b *ssa.BasicBlock) bool { return b != nil && t.e.loopOf(b) == loop }
	for v := range t.holders {
		instr, ok := v.(ssa.Instruction)
		if !ok || !in(instr.Block()) {
			return true
		}
		if phi, ok := v.(*ssa.Phi); ok {
			for i, edge := range phi.Edges {
				if _, held := t.holders[edge]; held && phi.Block().Dominates(phi.Block().Preds[i]) {
					return true
				}
			}
		}
		for _, r := range referrers(v) {
			if _, debug := r.(*ssa.DebugRef); !debug && !in(r.Block()) {
				return true
			}
		}
	}
	for _, ev := range t.events {
		if _, ok := ev.Instr.(*ssa.Go); ok {
			return true
		}
	}
	return false
}
