package lifecycle

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// EntryTable lists the web-framework types whose functions run once per
// request, beyond net/http's (which IsPerRequestEntry knows): a function
// whose signature is that of a listed named function type (gin's
// HandlerFunc), or that takes a parameter of a listed non-function type,
// is a per-request entry.
type EntryTable struct{ types []TypeKey }

// Entries is the entry table every analyzer reads. Flags extend it at
// start-up (before any package is analysed); it is not modified afterwards.
var Entries = &EntryTable{types: []TypeKey{
	{Pkg: "github.com/gin-gonic/gin", Name: "HandlerFunc"},
	{Pkg: "github.com/labstack/echo/v4", Name: "HandlerFunc"},
	{Pkg: "github.com/gofiber/fiber/v2", Name: "Handler"},
	{Pkg: "github.com/julienschmidt/httprouter", Name: "Handle"},
}}

// Extend parses one entry of the entries flag, importpath.Type, and adds
// it to the table.
func (t *EntryTable) Extend(entry string) error {
	key, ok := parseTypeKey(entry)
	if !ok || !isIdent(key.Name) {
		return fmt.Errorf("entry type %q: want importpath.Type", entry)
	}
	t.types = append(t.types, key)
	recordExtension(&extension{owner: "clientreuse", entry: entry, types: []TypeKey{key}})
	return nil
}

// grpcPkg is the import path of gRPC, whose service registrations make
// the methods of a server type per-request entries.
const grpcPkg = "google.golang.org/grpc"

// requestEntries returns the package's per-request entries, each with the
// reason it is one: net/http handler functions and ServeHTTP methods,
// functions shaped like an entry type of the table, and the methods of a
// type that implements a gRPC service interface (one that a
// Register*Server function of an imported package, or of this one, takes
// next to a grpc.ServiceRegistrar). Functions in _test.go files are not
// entries: what a test serves does not make production code per-request.
func (e *engine) requestEntries(funcs []*ssa.Function) map[*ssa.Function]string {
	out := make(map[*ssa.Function]string)
	shapes := e.entryShapes()
	for _, fn := range funcs {
		if fn.Synthetic != "" || e.inTestFile(fn) {
			continue
		}
		if IsPerRequestEntry(fn) {
			if fn.Signature.Recv() != nil && fn.Name() == "ServeHTTP" {
				out[fn] = "ServeHTTP serves every request"
			} else {
				out[fn] = "an http.HandlerFunc runs for every request"
			}
			continue
		}
		for _, s := range shapes {
			if s.matches(fn.Signature) {
				out[fn] = fmt.Sprintf("a %s runs for every request", s.name)
				break
			}
		}
	}
	for fn := range e.registeredHandlers(funcs) {
		if _, ok := out[fn]; !ok && !e.inTestFile(fn) {
			out[fn] = "registered as an http.Handler, it runs for every request"
		}
	}
	for fn, svc := range e.grpcMethods() {
		if _, ok := out[fn]; !ok && !e.inTestFile(fn) {
			out[fn] = fmt.Sprintf("a gRPC method of %s runs for every call", svc)
		}
	}
	return out
}

// registeredHandlers returns the functions of this package passed where an
// http.Handler or http.HandlerFunc is expected (http.Handle, a router's
// Handle, middleware), converted to a handler type of their own: the
// `type appHandler func(http.ResponseWriter, *http.Request) error` whose
// ServeHTTP calls the function.
func (e *engine) registeredHandlers(funcs []*ssa.Function) map[*ssa.Function]bool {
	out := make(map[*ssa.Function]bool)
	for _, fn := range funcs {
		if e.inTestFile(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := call.Common()
				sig := c.Signature()
				args := c.Args
				if !c.IsInvoke() && sig.Recv() != nil && len(args) > 0 {
					args = args[1:]
				}
				for i, a := range args {
					if !isHandlerType(paramType(sig, i)) {
						continue
					}
					if h := handlerFunc(a); h != nil && h.Blocks != nil && e.isLocal(h) {
						out[h] = true
					}
				}
			}
		}
	}
	return out
}

// paramType is the type of argument i of a call with signature sig (the
// element type for the variadic tail).
func paramType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	if params.Len() == 0 {
		return nil
	}
	if i >= params.Len()-1 && sig.Variadic() {
		if sl, ok := params.At(params.Len() - 1).Type().(*types.Slice); ok {
			return sl.Elem()
		}
	}
	if i >= params.Len() {
		return nil
	}
	return params.At(i).Type()
}

func isHandlerType(t types.Type) bool {
	if t == nil {
		return false
	}
	k, ok := TypeKeyOf(t)
	return ok && k.Pkg == "net/http" && (k.Name == "Handler" || k.Name == "HandlerFunc")
}

// handlerFunc returns the function a handler value is made of, through
// conversions to a handler type: f in http.HandlerFunc(f), appHandler(f).
func handlerFunc(v ssa.Value) *ssa.Function {
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.Function:
			return x
		case *ssa.MakeClosure:
			fn, _ := x.Fn.(*ssa.Function)
			return fn
		default:
			return nil
		}
	}
	return nil
}

// entryShape is an entry type of the table resolved in this package.
type entryShape struct {
	name  string
	sig   *types.Signature // a function type: entries have its signature
	param TypeKey          // otherwise: entries take a parameter of it
}

func (s entryShape) matches(sig *types.Signature) bool {
	if s.sig != nil {
		return sig.Variadic() == s.sig.Variadic() &&
			types.Identical(sig.Params(), s.sig.Params()) && types.Identical(sig.Results(), s.sig.Results())
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if k, ok := TypeKeyOf(sig.Params().At(i).Type()); ok && k == s.param {
			return true
		}
	}
	return false
}

// entryShapes resolves the entry table's types among the package's
// imports: a function can only have their shape if it refers to them.
func (e *engine) entryShapes() []entryShape {
	var out []entryShape
	for _, key := range Entries.types {
		p := e.importedPackage(key.Pkg)
		if p == nil {
			continue
		}
		tn, ok := p.Scope().Lookup(key.Name).(*types.TypeName)
		if !ok {
			continue
		}
		s := entryShape{name: p.Name() + "." + key.Name}
		if sig, ok := tn.Type().Underlying().(*types.Signature); ok {
			s.sig = sig
		} else {
			s.param = key
		}
		out = append(out, s)
	}
	return out
}

// importedPackage returns the package with the given path if this package
// is it or imports it directly.
func (e *engine) importedPackage(path string) *types.Package {
	if e.pass.Pkg.Path() == path {
		return e.pass.Pkg
	}
	for _, p := range e.pass.Pkg.Imports() {
		if p.Path() == path {
			return p
		}
	}
	return nil
}

// grpcMethods returns the methods of this package's types that serve a
// gRPC service, each with the service interface's name.
func (e *engine) grpcMethods() map[*ssa.Function]string {
	type service struct {
		name  string
		iface *types.Interface
	}
	var services []service
	for _, p := range append(e.pass.Pkg.Imports(), e.pass.Pkg) {
		if p != e.pass.Pkg && !importsPath(p, grpcPkg) {
			continue
		}
		scope := p.Scope()
		for _, name := range scope.Names() {
			fn, ok := scope.Lookup(name).(*types.Func)
			if !ok || !strings.HasPrefix(name, "Register") {
				continue
			}
			if iface, ifaceName, ok := registeredService(fn.Signature()); ok {
				services = append(services, service{name: p.Name() + "." + ifaceName, iface: iface})
			}
		}
	}
	out := make(map[*ssa.Function]string)
	if len(services) == 0 {
		return out
	}
	for _, tn := range e.localConcreteTypes() {
		ptr := types.NewPointer(tn.Type())
		for _, svc := range services {
			if !types.Implements(ptr, svc.iface) {
				continue
			}
			for i := 0; i < svc.iface.NumMethods(); i++ {
				m := svc.iface.Method(i)
				if !m.Exported() {
					continue
				}
				obj, _, _ := types.LookupFieldOrMethod(ptr, true, e.pass.Pkg, m.Name())
				f, ok := obj.(*types.Func)
				if !ok || f.Pkg() != e.pass.Pkg {
					continue // promoted from another package (Unimplemented*)
				}
				if fn := e.pkg.Prog.FuncValue(f); fn != nil {
					out[fn] = svc.name
				}
			}
		}
	}
	return out
}

// registeredService recognises a gRPC registration function,
// func(grpc.ServiceRegistrar, XServer) or func(*grpc.Server, XServer), and
// returns the service interface.
func registeredService(sig *types.Signature) (*types.Interface, string, bool) {
	if sig.Recv() != nil || sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return nil, "", false
	}
	reg, ok := TypeKeyOf(sig.Params().At(0).Type())
	if !ok || reg.Pkg != grpcPkg || reg.Name != "ServiceRegistrar" && reg.Name != "Server" {
		return nil, "", false
	}
	svc := sig.Params().At(1).Type()
	iface, ok := svc.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return nil, "", false
	}
	name := "service"
	if k, ok := TypeKeyOf(svc); ok {
		name = k.Name
	}
	return iface, name, true
}

func importsPath(p *types.Package, path string) bool {
	for _, imp := range p.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// inTestFile reports whether fn is declared in a _test.go file.
func (e *engine) inTestFile(fn *ssa.Function) bool {
	return fn.Pos().IsValid() && strings.HasSuffix(e.pass.Fset.File(fn.Pos()).Name(), "_test.go")
}
