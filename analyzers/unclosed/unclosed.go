package unclosed

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/docs"
	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports resources that are not released on every path.
var Analyzer = &analysis.Analyzer{
	Name:     "unclosed",
	Doc:      docs.Extract(doc, "unclosed"),
	URL:      "https://github.com/leakvet/leakvet/blob/main/analyzers/unclosed/doc.go",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run:      run,

	// The //leakvet:ignore directives it used, for the directives analyzer.
	ResultType: report.UsageType,
}

func init() {
	Analyzer.Flags.Var(lifecycle.ListFlag{Add: lifecycle.Default.Extend}, "types",
		"add resource kinds: comma-separated importpath.Type:Release[|Release]=Constructor[|Constructor]")
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result)
	defer res.Use()()
	if err := res.FlagError(pass.Analyzer.Name); err != nil {
		return nil, fmt.Errorf("-%s.types: %w", pass.Analyzer.Name, err)
	}
	rep := report.New(pass)
	for _, a := range res.Acquisitions {
		if a.TestContext {
			continue // testcleanup's
		}
		if a.Kind.Owner != "" && a.Kind.Owner != pass.Analyzer.Name {
			continue // another analyzer's kind (cancel functions: gocancel)
		}
		if a.Kind.Pool && res.PoolPerRepetition(a.Call) != nil {
			continue // built per request or per iteration: clientreuse's
		}
		if len(a.DeferInLoop) == 0 && a.Leak == nil {
			continue
		}
		f := newFinding(pass, res, a)
		for _, d := range a.DeferInLoop {
			if keptForLifetime(res, a) {
				break
			}
			rep.Report(f.deferInLoop(d))
		}
		if a.Leak != nil && !lifetimeLeak(res, a) {
			rep.Report(f.leak())
		}
	}
	return rep.Usage(), nil
}

// keptForLifetime reports whether a is acquired in a loop of code that
// runs for the lifetime of the process (main's start-up loop making one
// connection per backend) and kept beyond its iteration (in a slice, by
// a goroutine): the deferred release is the end of its intended life,
// not a pile-up.
func keptForLifetime(res *lifecycle.Result, a *lifecycle.Acquisition) bool {
	return res.ProcessLifetime(a.Fn) && a.Has(lifecycle.Transfer, lifecycle.Wrap)
}

// lifetimeLeak reports whether a is acquired in code that runs for the
// lifetime of the process (main, init, a sync.Once body) and leaks there
// only once: it lives as long as the process does. A resource that the
// next loop iteration replaces still piles up.
func lifetimeLeak(res *lifecycle.Result, a *lifecycle.Acquisition) bool {
	return res.ProcessLifetime(a.Fn) && a.Leak.Kind != lifecycle.LeakNextIteration
}

// finding gathers what the messages about one acquisition say.
type finding struct {
	*report.Site
	pass *analysis.Pass
	res  *lifecycle.Result
}

func newFinding(pass *analysis.Pass, res *lifecycle.Result, a *lifecycle.Acquisition) *finding {
	return &finding{Site: report.SiteOf(pass, a), pass: pass, res: res}
}

// release is the release call for the fix: "resp.Body.Close()".
func (f *finding) release() string {
	if f.Name == "" {
		return f.A.Kind.FixMethod() + "()"
	}
	return f.Subject() + "." + f.A.Kind.FixMethod() + "()"
}

func (f *finding) line(pos token.Pos) int { return f.pass.Fset.Position(pos).Line }

func (f *finding) leak() analysis.Diagnostic {
	a := f.A
	d := analysis.Diagnostic{Pos: a.Call.Pos(), End: a.Call.Pos(), Category: report.CategoryOf(a.Class(a.Leak))}
	if f.Call != nil {
		d.Pos, d.End = f.Call.Pos(), f.Call.End()
	}
	verb := a.Kind.Verb()
	if f.Discarded {
		what := "the " + types.TypeString(a.Call.Common().Signature().Results().At(a.Result).Type(), (*types.Package).Name)
		obligation := "it is never " + verb
		if a.Kind.Field != "" {
			obligation = "its " + a.Kind.Field + " is never " + verb
		}
		d.Message = fmt.Sprintf("%s returned by %s is discarded, so %s; assign it and defer its %s", what, f.Callee(), obligation, a.Kind.FixMethod())
		return d
	}
	exit := f.exitPhrase()
	subject, callee, kept := f.Subject(), f.Callee(), ""
	k := f.keeper()
	if k != nil {
		// The caller releases it through the wrapper it went into.
		subject, callee = k.name, k.callee
		kept = fmt.Sprintf(" (it keeps %s from %s)", f.Subject(), f.Callee())
	}
	var why string
	switch {
	case a.Leak.Kind == lifecycle.LeakReturnedWithError:
		d.Message = fmt.Sprintf("%s from %s is returned together with a non-nil error at line %d, and callers that check the error drop it; %s it before returning the error",
			f.Subject(), f.Callee(), f.line(report.ExitPos(a.Leak.Exit)), strings.ToLower(a.Kind.FixMethod()))
		d.Related = f.related()
		return d
	case a.Leak.Kind == lifecycle.LeakInGoroutine:
		d.Message = f.InGoroutine(f.pass.Fset)
		d.Related = f.related()
		return d
	case a.NeverReleased():
		// Never released at all, in a loop or not: saying it is not
		// released "before the next iteration" would suggest it is later.
		why = fmt.Sprintf("%s from %s is never %s%s", subject, callee, verb, kept)
	case a.Leak.Kind == lifecycle.LeakNextIteration:
		why = fmt.Sprintf("%s from %s is not %s before the next loop iteration acquires another%s", subject, callee, verb, kept)
	default:
		why = fmt.Sprintf("%s from %s is not %s on the path that %s%s", subject, callee, verb, exit, kept)
	}
	if b := f.borrower(); b != "" {
		why += "; " + b
	}
	hint := f.hint()
	if k != nil {
		hint = k.hint(f.res.InLoop(a.Call))
	}
	d.Message = why + "; " + hint
	d.Related = f.related()
	if k != nil {
		// The fix would be the wrapper's; none is offered for it.
		return d
	}
	if fix, ok := f.fix(); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d
}

// exitPhrase describes where the leaking path ends.
func (f *finding) exitPhrase() string {
	switch f.A.Leak.Kind {
	case lifecycle.LeakAtFailNow:
		return fmt.Sprintf("ends the test at line %d", f.line(f.A.Leak.Exit.Pos()))
	case lifecycle.LeakNextIteration:
		return "reaches the next iteration"
	}
	if pos := report.ExitPos(f.A.Leak.Exit); pos.IsValid() {
		return fmt.Sprintf("returns at line %d", f.line(pos))
	}
	return "returns"
}

func (f *finding) related() []analysis.RelatedInformation {
	switch f.A.Leak.Kind {
	case lifecycle.LeakAtReturn:
		if pos := report.ExitPos(f.A.Leak.Exit); pos.IsValid() {
			return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s leaks here: the function returns without it being %s", f.Subject(), f.A.Kind.Verb())}}
		}
	case lifecycle.LeakReturnedWithError:
		if pos := report.ExitPos(f.A.Leak.Exit); pos.IsValid() {
			return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s leaks here: returned with a non-nil error", f.Subject())}}
		}
	case lifecycle.LeakInGoroutine:
		if pos := report.ExitPos(f.A.Leak.Exit); pos.IsValid() {
			return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s leaks here: the goroutine returns without it being %s", f.Subject(), f.A.Kind.Verb())}}
		}
	case lifecycle.LeakAtFailNow:
		return []analysis.RelatedInformation{{Pos: f.A.Leak.Exit.Pos(), Message: fmt.Sprintf("%s leaks here: the test may end without it being %s", f.Subject(), f.A.Kind.Verb())}}
	}
	return nil
}

// borrower names a callee that received the resource and did not release
// it, when that explains the leak.
func (f *finding) borrower() string {
	for _, ev := range f.A.Events {
		if ev.Kind != lifecycle.Borrow || !ev.Direct || ev.Callee == nil || ev.Callee.Pkg == nil {
			continue
		}
		if lifecycle.IsStdPath(ev.Callee.Pkg.Pkg.Path()) || f.ownMethod(ev.Callee) {
			continue
		}
		name := ev.Callee.Name()
		if ev.Callee.Parent() != nil {
			name = "a function literal"
		}
		if s := f.res.Summary(ev.Callee); s != nil && s.Closes != 0 {
			return fmt.Sprintf("%s closes something else but not %s", name, f.Subject())
		}
		return fmt.Sprintf("%s receives it but neither releases nor keeps it", name)
	}
	return ""
}

// ownMethod reports whether fn is a method of the resource's own type
// (cc.Invoke on a gRPC connection): using it is no hand-over to explain.
func (f *finding) ownMethod(fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return false
	}
	key, ok := lifecycle.TypeKeyOf(recv.Type())
	return ok && key == f.A.Kind.Type
}

// hint is the one-line fix.
func (f *finding) hint() string {
	if f.Name == "" {
		return fmt.Sprintf("bind it to a variable and defer its %s", f.A.Kind.FixMethod())
	}
	if f.A.Result == lifecycle.ReceiverResult {
		// A started process: deferring Wait would block the function.
		return fmt.Sprintf("call %s once the process must be done, or use Run, which waits", f.release())
	}
	if by := f.A.DroppedOnErrBy; by != nil {
		return fmt.Sprintf("%s closes or keeps it only when it succeeds: call %s when it fails", lifecycle.FuncName(by), f.release())
	}
	if f.A.KeptOnReturn {
		return fmt.Sprintf("call %s on that path: what keeps it is returned only on the others", f.release())
	}
	if f.res.InLoop(f.A.Call) {
		return fmt.Sprintf("call %s before the iteration ends, or move the loop body into a function that defers it", f.release())
	}
	where := "after the error check"
	if f.A.Err == nil {
		where = "after it"
	}
	return fmt.Sprintf("add defer %s %s", f.release(), where)
}

func (f *finding) deferInLoop(d *ssa.Defer) analysis.Diagnostic {
	text := "the deferred call"
	if call, _ := report.CallAt(f.pass, d.Call.Pos()); call != nil {
		text = "defer " + report.Text(call)
		if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			text = "a deferred function literal that closes " + f.Subject()
		}
	} else if path := report.Path(f.pass, d.Pos()); len(path) > 0 {
		if ds, ok := path[0].(*ast.DeferStmt); ok {
			text = "defer " + report.Text(ds.Call)
		}
	}
	// "every response body from c.Get", "every p from pagekit.FromResponse".
	what, callee := strings.TrimPrefix(f.Subject(), "the "), f.Callee()
	if k := f.keeper(); k != nil {
		what, callee = k.name, k.callee
	}
	return analysis.Diagnostic{
		Category: report.CategoryLoop,
		Pos:      d.Pos(),
		Message: fmt.Sprintf("%s inside a loop runs only when the function returns: every %s from %s stays open until then; %s it at the end of each iteration or move the loop body into a function",
			text, what, callee, strings.ToLower(f.A.Kind.FixMethod())),
		Related: []analysis.RelatedInformation{{Pos: f.A.Call.Pos(), Message: "acquired here, once per iteration"}},
	}
}
