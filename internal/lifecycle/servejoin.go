package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Some servers' stop waits for their serve to return: (*grpc.Server).Stop
// and GracefulStop wait for every running Serve on that server (its
// serveWG), after which Serve returns nil. A test goroutine that runs
//
//	go func() {
//		if err := srv.Serve(lis); err != nil {
//			t.Errorf("Serve: %v", err)
//		}
//	}()
//
// is joined by a later srv.Stop() on every path, a defer or t.Cleanup of
// it, or a returned cleanup that calls it: Stop returns only once Serve
// has. Wrappers count through their method summaries (the ServeStop
// fact): a method that serves the server in a field of its receiver, and
// one that stops the server in the same field.
//
// net/http's Server is deliberately not in the table: Shutdown and Close
// make Serve return http.ErrServerClosed but wait for neither the Serve
// call nor the goroutine running it, so a goroutine that reports any
// error from Serve may still run (and report ErrServerClosed) after the
// test; the ErrServerClosed guard is answered in serveclosed.go.

// A serveStopKind is a server type whose stop methods wait for its serve
// methods to return.
type serveStopKind struct {
	typ    TypeKey
	serves []string
	stops  []string
}

// serveStopTable lists the server types whose stop joins their serve, by
// exact type identity.
var serveStopTable = []serveStopKind{
	{typ: TypeKey{Pkg: "google.golang.org/grpc", Name: "Server"}, serves: []string{"Serve"}, stops: []string{"Stop", "GracefulStop"}},
}

// tableServeOp classifies c as a serve or a stop of a table server and
// returns the server it acts on: a method of the table type, or an
// interface method of the same name on an interface the table type
// implements.
func (e *engine) tableServeOp(c *ssa.CallCommon) (recv ssa.Value, serve, stop bool) {
	for _, k := range serveStopTable {
		var name string
		if c.IsInvoke() {
			if !e.tableImplements(k.typ, c.Value.Type()) {
				continue
			}
			name, recv = c.Method.Name(), c.Value
		} else {
			key, ok := calleeKey(c)
			if !ok || key.Pkg != k.typ.Pkg || key.Recv != k.typ.Name || len(c.Args) == 0 {
				continue
			}
			name, recv = key.Name, c.Args[0]
		}
		if containsName(k.serves, name) {
			return recv, true, false
		}
		if containsName(k.stops, name) {
			return recv, false, true
		}
	}
	return nil, false, false
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

// tableImplements reports whether the pointer to the table type k
// implements the interface t, when k's package is among the package's
// imports.
func (e *engine) tableImplements(k TypeKey, t types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || iface.Empty() {
		return false
	}
	named := e.importedNamed(k)
	return named != nil && types.Implements(types.NewPointer(named), iface)
}

// importedNamed finds the named type k among the package's transitive
// imports, or nil.
func (e *engine) importedNamed(k TypeKey) *types.Named {
	seen := make(map[*types.Package]bool)
	var find func(p *types.Package) *types.Named
	find = func(p *types.Package) *types.Named {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == k.Pkg {
			if tn, ok := p.Scope().Lookup(k.Name).(*types.TypeName); ok {
				n, _ := tn.Type().(*types.Named)
				return n
			}
			return nil
		}
		for _, imp := range p.Imports() {
			if n := find(imp); n != nil {
				return n
			}
		}
		return nil
	}
	return find(e.pass.Pkg)
}

// serveStopOf summarises a method: the receiver fields whose table server
// it serves or stops. Methods of this package are read from their SSA;
// others come from their ServeStop fact.
func (e *engine) serveStopOf(fn *ssa.Function) *facts.ServeStop {
	if fn == nil || fn.Signature.Recv() == nil || e.serveStops == nil {
		return nil
	}
	if f, ok := e.serveStops[fn]; ok || e.serveStopsDone {
		// After run, the map is read concurrently and no longer grows.
		return f
	}
	if !e.isLocal(fn) || fn.Blocks == nil {
		var f *facts.ServeStop
		if obj, ok := fn.Object().(*types.Func); ok {
			f = new(facts.ServeStop)
			if !e.pass.ImportObjectFact(obj.Origin(), f) {
				f = nil
			}
		}
		e.serveStops[fn] = f
		return f
	}
	e.serveStops[fn] = nil // a recursive method serves nothing more
	f := new(facts.ServeStop)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			for _, op := range e.serveOps(call.Common()) {
				path, ok := receiverField(fn, op.recv)
				if !ok {
					continue
				}
				path += op.path
				if op.serve && !containsName(f.Serves, path) {
					f.Serves = append(f.Serves, path)
				}
				if !op.serve && !containsName(f.Stops, path) {
					f.Stops = append(f.Stops, path)
				}
			}
		}
	}
	if len(f.Serves) == 0 && len(f.Stops) == 0 {
		f = nil
	}
	e.serveStops[fn] = f
	return f
}

// A serveOp is a call's serve or stop of the server at path under recv.
type serveOp struct {
	recv  ssa.Value
	path  string
	serve bool
}

// serveOps returns what a call serves or stops: a table server directly,
// or fields of a wrapper through its method's summary.
func (e *engine) serveOps(c *ssa.CallCommon) []serveOp {
	if recv, serve, stop := e.tableServeOp(c); serve || stop {
		return []serveOp{{recv: recv, serve: serve}}
	}
	if c.IsInvoke() || len(c.Args) == 0 {
		return nil
	}
	f := e.serveStopOf(c.StaticCallee())
	if f == nil {
		return nil
	}
	var out []serveOp
	for _, p := range f.Serves {
		out = append(out, serveOp{recv: c.Args[0], path: p, serve: true})
	}
	for _, p := range f.Stops {
		out = append(out, serveOp{recv: c.Args[0], path: p})
	}
	return out
}

// receiverField returns the field path from fn's receiver to v: v selects
// fields of the receiver (s.gs), or v is stored into such a field
// (server := grpc.NewServer(); s.srv = server).
func receiverField(fn *ssa.Function, v ssa.Value) (string, bool) {
	if len(fn.Params) == 0 {
		return "", false
	}
	base, path := splitFields(v)
	if isReceiver(fn, normaliseRoot(base)) {
		return path, true
	}
	for _, r := range referrers(v) {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != v {
			continue
		}
		if base, path := splitFields(st.Addr); isReceiver(fn, normaliseRoot(base)) && path != "" {
			return path, true
		}
	}
	return "", false
}

// isReceiver reports whether v is fn's receiver, or the cell the builder
// makes for it when a closure captures it.
func isReceiver(fn *ssa.Function, v ssa.Value) bool {
	recv := fn.Params[0]
	return v == ssa.Value(recv) || paramCell(v) == recv
}

// exportServeStopFacts publishes the ServeStop facts of the package's
// methods.
func (e *engine) exportServeStopFacts(funcs []*ssa.Function) {
	e.serveStops = make(map[*ssa.Function]*facts.ServeStop)
	for _, fn := range funcs {
		e.serveStopOf(fn)
		// Callees of other packages: their facts are imported now, while
		// the pass runs.
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					e.serveStopOf(call.Common().StaticCallee())
				}
			}
		}
	}
	e.serveStopsDone = true
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		if f := e.serveStopOf(fn); f != nil {
			e.pass.ExportObjectFact(obj, f)
		}
	}
}

// servedServers returns the servers (keys in fn) whose serve the
// goroutine g runs outside any loop: `go srv.Serve(lis)`, or a body that
// calls it.
func (e *engine) servedServers(g *ssa.Go, body *frame) []sigKey {
	var out []sigKey
	for _, op := range e.serveOps(g.Common()) {
		if op.serve {
			k := keyOf(op.recv)
			k.path += op.path
			out = append(out, k)
		}
	}
	if body == nil {
		return out
	}
	for _, b := range body.fn.Blocks {
		if e.loopOf(b) >= 0 {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			for _, op := range e.serveOps(call.Common()) {
				if !op.serve {
					continue
				}
				if k, ok := body.outerKey(op.recv); ok {
					k.path += op.path
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// joinedByStop reports whether fn stops, on every path after the go
// statement g, a server whose serve the goroutine runs, with a stop that
// waits for that serve: directly, in a defer or t.Cleanup, through a
// function literal or local function that does, or by returning a
// cleanup that does.
func (e *engine) joinedByStop(fn *ssa.Function, g *ssa.Go, body *frame) bool {
	root := &frame{fn: fn}
	for _, k := range e.servedServers(g, body) {
		joins := make(map[ssa.Instruction]bool)
		registered := false
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Defer:
					registered = registered || e.callStops(x.Common(), root, k, 0)
				case *ssa.Call:
					if IsCleanupCall(x.Common()) {
						for _, a := range x.Common().Args {
							registered = registered || e.funcValueStops(a, root, k)
						}
					} else if e.callStops(x.Common(), root, k, 0) {
						joins[x] = true
					}
				case *ssa.Return:
					for _, r := range x.Results {
						registered = registered || e.funcValueStops(r, root, k)
					}
				}
			}
		}
		if registered || e.exitBefore(fn, g, joins) == nil {
			return true
		}
	}
	return false
}

// callStops reports whether the call c, in frame f, stops the server k of
// the starting function: a stop of it, or a call of a function literal
// or local function whose body does (a few calls deep).
func (e *engine) callStops(c *ssa.CallCommon, f *frame, k sigKey, depth int) bool {
	for _, op := range e.serveOps(c) {
		if op.serve {
			continue
		}
		if got, ok := f.outerKey(op.recv); ok {
			got.path += op.path
			if got == k {
				return true
			}
		}
	}
	if depth >= 3 {
		return false
	}
	inner := e.bodyFrame(c, f)
	if inner == nil {
		return false
	}
	return e.frameStops(inner, k, depth+1)
}

// frameStops reports whether the function of frame f stops the server k.
func (e *engine) frameStops(f *frame, k sigKey, depth int) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if _, isGo := call.(*ssa.Go); !isGo && e.callStops(call.Common(), f, k, depth) {
					return true
				}
			}
		}
	}
	return false
}

// funcValueStops reports whether v, a function value of frame f, stops
// the server k when called: a bound method value (srv.Stop) or a
// function literal whose body stops it.
func (e *engine) funcValueStops(v ssa.Value, f *frame, k sigKey) bool {
	mc, ok := uninterface(v).(*ssa.MakeClosure)
	if !ok {
		return false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil {
		return false
	}
	return e.frameStops(&frame{fn: fn, parent: f, free: mc.Bindings}, k, 1)
}
