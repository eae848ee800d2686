package gocancel

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

// Analyzer reports goroutines and cancel functions that can never be
// stopped.
var Analyzer = &analysis.Analyzer{
	Name:     "gocancel",
	Doc:      docs.Extract(doc, "gocancel"),
	URL:      "https://github.com/leakvet/leakvet/blob/main/analyzers/gocancel/doc.go",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run:      run,

	// The //leakvet:ignore directives it used, for the directives analyzer.
	ResultType: report.UsageType,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result)
	defer res.Use()()
	if res.Pkg == nil {
		return report.NoUsage, nil
	}
	c := &checker{pass: pass, res: res, rep: report.New(pass)}
	for _, g := range res.Goroutines() {
		if c.inTestFile(g.Go.Pos()) || res.ProcessLifetime(g.Fn) {
			continue
		}
		if g.Stuck != nil {
			c.unstoppable(g)
			continue
		}
		for _, o := range g.Orphans {
			c.orphan(g, o)
		}
	}
	for _, d := range res.DeadSpawns() {
		if c.inTestFile(d.Call.Pos()) || res.ProcessLifetime(d.Fn) {
			continue
		}
		c.deadSpawn(d)
	}
	for _, a := range res.Acquisitions {
		// A context created by a test lives as long as the test does;
		// test resources are testcleanup's.
		if a.Kind.Owner == lifecycle.CancelOwner && !a.TestContext {
			c.cancel(a)
		}
	}
	for _, d := range res.Drains() {
		c.drain(d)
	}
	return c.rep.Usage(), nil
}

type checker struct {
	pass *analysis.Pass
	res  *lifecycle.Result
	rep  *report.Reporter
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

func (c *checker) inTestFile(pos token.Pos) bool {
	f := c.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// ---- unstoppable goroutines ----

func (c *checker) unstoppable(g *lifecycle.Goroutine) {
	st := g.Stuck
	var where string
	switch {
	case st.Desc != "":
		where = calleeText(g) + " never returns: " + st.Desc
	case st.Loop && len(st.Dead) == 0:
		where = fmt.Sprintf("the loop at line %d has no exit", c.line(st.At))
	case st.Loop:
		where = fmt.Sprintf("the loop at line %d never exits", c.line(st.At))
	default:
		where = fmt.Sprintf("it blocks forever at line %d", c.line(st.At))
	}
	if st.Desc == "" && st.Fn != nil && g.Body != nil && (st.Fn != g.Body || g.Body.Parent() == nil) && st.Fn.Pkg == c.res.Pkg {
		where = "in " + c.funcText(st.Fn, g) + ", " + where
	}
	if g.Body == nil && g.Go.Call.IsInvoke() && st.Fn != nil && st.Desc == "" {
		// Every implementation in the package never returns.
		m := g.Go.Call.Method
		iface := "the interface"
		if key, ok := lifecycle.TypeKeyOf(g.Go.Call.Value.Type()); ok {
			iface = key.Name
		}
		where = fmt.Sprintf("no implementation of %s.%s in this package returns: in %s, %s", iface, m.Name(), c.funcText(st.Fn, g), where)
	}
	msg := "this goroutine can never be stopped: " + where
	if r := st.Reasons(); r != "" {
		if st.Desc != "" {
			msg += "; " + r // what the goroutine passes it
		} else {
			msg += ": " + r
		}
	}
	msg += "; " + stuckHint(st)
	d := analysis.Diagnostic{Pos: g.Go.Pos(), Message: msg}
	if st.At.IsValid() && c.pass.Fset.File(st.At) != nil {
		what := "waits forever here"
		if st.Loop {
			what = "this loop never exits"
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: st.At, Message: what})
	}
	for _, ds := range st.Dead {
		if ds.Pos.IsValid() && ds.Pos != st.At && ds.Pos != g.Go.Pos() && ds.Name != "" {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: ds.Pos, Message: "waits for " + ds.Name + " here"})
		}
	}
	c.rep.Report(d)
}

// deadSpawn reports a call that hands a dead stop source to a function
// whose goroutine waits only on it.
func (c *checker) deadSpawn(d *lifecycle.DeadSpawn) {
	callee := lifecycle.FuncName(d.Callee)
	if obj := d.Callee.Object(); obj != nil && obj.Pkg() != nil && obj.Pkg() != c.pass.Pkg {
		callee = obj.Pkg().Name() + "." + callee
	}
	st := &lifecycle.Stuck{Dead: d.Dead}
	hint := stuckHint(st)
	if hint == stuckHint(&lifecycle.Stuck{}) {
		hint = "pass a stop source that fires when the work must stop"
	}
	msg := fmt.Sprintf("this call starts a goroutine that can never be stopped: %s returns at once, but %s; what this call passes is dead: %s; %s",
		callee, d.Where, st.Reasons(), strings.Replace(hint, "give it a context", "pass a context", 1))
	c.rep.Report(analysis.Diagnostic{Pos: d.Call.Pos(), Message: msg})
}

// funcText names fn in messages: a declared function or method by its
// name, the body of goroutine g (when given) as "the goroutine's function
// literal", any other function literal by the line it starts on.
func (c *checker) funcText(fn *ssa.Function, g *lifecycle.Goroutine) string {
	if fn.Parent() == nil {
		return lifecycle.FuncName(fn)
	}
	if g != nil && fn == g.Body {
		return "the goroutine's function literal"
	}
	if fn.Pos().IsValid() {
		return fmt.Sprintf("the function literal at line %d", c.line(fn.Pos()))
	}
	return "a function literal"
}

// calleeText names the function a goroutine runs.
func calleeText(g *lifecycle.Goroutine) string {
	if g.Body == nil {
		return "the goroutine"
	}
	if g.Body.Parent() != nil {
		return "the goroutine's function literal"
	}
	if g.Body.Pkg != nil && g.Body.Pkg.Pkg != nil {
		return g.Body.Pkg.Pkg.Name() + "." + lifecycle.FuncName(g.Body)
	}
	return lifecycle.FuncName(g.Body)
}

// stuckHint is the one-line fix for a stuck goroutine.
func stuckHint(st *lifecycle.Stuck) string {
	kinds := make(map[lifecycle.DeadKind]bool)
	for _, d := range st.Dead {
		kinds[d.Kind] = true
	}
	switch {
	case kinds[lifecycle.DeadContext]:
		return "give it a context that is cancelled when the work must stop (context.WithCancel, and call cancel)"
	case kinds[lifecycle.DeadTimerChan]:
		return "select on the timer's channel together with a done channel or ctx.Done() and return from that case"
	case kinds[lifecycle.DeadField]:
		return "close the channel in the method that ends the work (Close or Stop)"
	case kinds[lifecycle.DeadLocal]:
		return "close the channel when the producer is done, or give the goroutine another way to return"
	case kinds[lifecycle.DeadUnreceived]:
		return "receive from the channel where the goroutine's result is needed, or buffer it for every send"
	case kinds[lifecycle.DeadNil]:
		return "make the channel before the goroutine starts"
	case kinds[lifecycle.DeadSelect]:
		return "wait on a stop signal (a done channel or ctx.Done()) instead of select {}"
	}
	return "give it a stop signal: a ctx.Done() or done-channel case that returns"
}

// ---- orphaned channel partners ----

func (c *checker) orphan(g *lifecycle.Goroutine, o *lifecycle.Orphan) {
	name := "the channel"
	call, _ := report.CallAt(c.pass, o.Chan.Pos())
	if n := report.BoundName(c.pass, call); n != "" {
		name = n
	}
	spawner := c.funcText(g.Fn, nil)
	exitPos := report.ExitPos(o.Exit)
	at := ""
	if exitPos.IsValid() {
		at = fmt.Sprintf(" at line %d", c.line(exitPos))
	}
	if o.NextRound {
		// "can return" becomes "can move on to the next iteration".
		at = "\x00"
		exitPos = token.NoPos
	}
	via := ""
	if o.Via != "" {
		via = " (" + o.Via + ")"
	}
	var msg string
	if o.Send {
		one := o.Goroutines == 1
		switch {
		case o.Matched > 0 && one:
			msg = fmt.Sprintf("the goroutine sends on %s more often than %s receives before it can return%s%s: the sends left over block forever and the goroutine leaks; ", name, spawner, at, via)
		case o.Matched > 0:
			msg = fmt.Sprintf("goroutines send on %s more often than %s receives before it can return%s%s: the sends left over block forever and their goroutines leak; ", name, spawner, at, via)
		case o.Ops == 1 || one && o.Cap == 0:
			msg = fmt.Sprintf("the goroutine sends on %s, but %s can return%s%s without receiving from it: the send blocks forever and the goroutine leaks; ", name, spawner, at, via)
		case one:
			msg = fmt.Sprintf("the goroutine sends on %s more often than its buffer of %d holds, but %s can return%s%s without receiving from it: the send that does not fit blocks forever and the goroutine leaks; ", name, o.Cap, spawner, at, via)
		case o.Cap == 0:
			msg = fmt.Sprintf("goroutines send on %s, but %s can return%s%s without receiving from it: their sends block forever and the goroutines leak; ", name, spawner, at, via)
		default:
			msg = fmt.Sprintf("goroutines send on %s, but %s can return%s%s without receiving from it: the sends the buffer cannot hold block forever and their goroutines leak; ", name, spawner, at, via)
		}
		switch {
		case o.Ops == 1 && o.Cap == 0:
			msg += fmt.Sprintf("buffer the channel (make(%s, 1)) so the send completes", chanType(c.pass, call, o.Chan))
		case o.Ops > 1:
			msg += fmt.Sprintf("buffer the channel for all %d sends, or receive them all before returning", o.Ops)
		case one:
			msg += "receive every value before returning (close the channel when the goroutine is done and range over it), or give each send a select case that stops it"
		default:
			msg += "buffer the channel for every sender (for example len of the work list), or receive every value before returning"
		}
	} else if closer := report.CallText(c.pass, o.Closer); closer != "" {
		// Only a method of the struct that holds it closes it.
		msg = fmt.Sprintf("the goroutine receives from %s, but %s can return%s%s without closing it: the receive blocks forever and the goroutine leaks; call %s on every path (defer %s)",
			name, spawner, at, via, closer, closer)
	} else {
		msg = fmt.Sprintf("the goroutine receives from %s, but %s can return%s%s without sending on it or closing it: the receive blocks forever and the goroutine leaks; close %s on every path (defer close(%s)) or send before each return",
			name, spawner, at, via, name, name)
	}
	msg = strings.Replace(msg, "return\x00", "move on to the next iteration", 1)
	d := analysis.Diagnostic{Pos: g.Go.Pos(), Message: msg}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.Chan.Pos(), Message: name + " is made here"})
	if exitPos.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: exitPos, Message: "returns here without the matching channel operation"})
	}
	if o.Send && o.Ops == 1 && o.Cap == 0 && call != nil && len(call.Args) == 1 {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "buffer the channel for its one send",
			TextEdits: []analysis.TextEdit{{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", 1")}},
		}}
	}
	c.rep.Report(d)
}

func chanType(pass *analysis.Pass, call *ast.CallExpr, mc *ssa.MakeChan) string {
	if call != nil && len(call.Args) > 0 {
		return report.Text(call.Args[0])
	}
	return types.TypeString(mc.Type(), (*types.Package).Name)
}

// ---- lost cancel functions ----

// vetCovers lists the context functions whose lost cancel go vet's
// lostcancel reports.
var vetCovers = map[string]bool{
	"WithCancel": true, "WithCancelCause": true, "WithTimeout": true,
	"WithTimeoutCause": true, "WithDeadline": true, "WithDeadlineCause": true,
}

// cancelSite gathers the syntax of the call that creates a cancel function.
type cancelSite struct {
	*report.Site
	// obj is the variable the cancel function is bound to, or nil.
	obj types.Object
	// blank: assigned to _ in the creating statement; bare: the call is
	// an expression statement.
	blank, bare bool
	// vet: go vet's lostcancel looks at this call.
	vet bool
	// stop: signal.NotifyContext's stop function.
	stop bool
}

func (c *checker) site(a *lifecycle.Acquisition) *cancelSite {
	s := &cancelSite{Site: report.SiteOf(c.pass, a)}
	key := lifecycle.FuncKeyOf(a.Callee)
	s.stop = key == lifecycle.FuncKey{Pkg: "os/signal", Name: "NotifyContext"}
	if len(s.Path) >= 2 {
		_, s.bare = s.Path[1].(*ast.ExprStmt)
	}
	if id, ok := s.Bound.(*ast.Ident); ok {
		// vet looks at `ctx, cancel := context.WithX(...)` with a blank or
		// a variable on the left.
		s.vet = key.Pkg == "context" && vetCovers[key.Name]
		s.blank = id.Name == "_"
		if !s.blank {
			s.obj = c.pass.TypesInfo.ObjectOf(id)
		}
	}
	return s
}

func (c *checker) cancel(a *lifecycle.Acquisition) {
	s := c.site(a)
	what := "the cancel function"
	if s.stop {
		what = "the stop function"
	}
	release := "cancel()"
	if s.Name != "" {
		release = s.Name + "()"
	} else if s.stop {
		release = "stop()"
	}
	for _, d := range a.DeferInLoop {
		c.rep.Report(analysis.Diagnostic{
			Pos:      d.Pos(),
			Category: report.CategoryLoop,
			Message: fmt.Sprintf("defer %s inside a loop runs only when the function returns: the context of every iteration stays alive until then; call %s at the end of each iteration, or move the loop body into a function",
				release, release),
			Related: []analysis.RelatedInformation{{Pos: a.Call.Pos(), Message: "created here, once per iteration"}},
		})
	}
	if c.res.ProcessLifetime(a.Fn) {
		return // lives as long as the process; vet skips main too
	}
	pos, end := a.Call.Pos(), a.Call.Pos()
	if s.Call != nil {
		pos, end = s.Call.Pos(), s.Call.End()
	}
	category := report.CategoryOf(a.Class(a.Leak))
	report := func(msg string, related ...analysis.RelatedInformation) {
		c.rep.Report(analysis.Diagnostic{Pos: pos, End: end, Message: msg, Related: related, Category: category})
	}
	effect := "the context it controls stays alive until its parent is done"
	if s.stop {
		effect = "the signal handler stays installed and the context is never released"
	}
	discarded := a.Value == nil || s.blank || s.bare
	switch {
	case discarded:
		if s.vet && s.blank {
			return // go vet's lostcancel reports a blank cancel
		}
		report(fmt.Sprintf("%s returned by %s is discarded, so %s; keep it and call it when the work is done (defer %s)", what, s.Callee(), effect, release))
		return
	}
	if where := c.lostInField(a); where != "" {
		report(fmt.Sprintf("%s from %s is stored in %s, which nothing in this package calls, so %s; call it in the method that ends the work (Close or Stop)", what, s.Callee(), where, effect))
		return
	}
	if a.Leak == nil {
		return
	}
	var related []analysis.RelatedInformation
	exit := c.exitText(a)
	if p := c.leakPos(a); p.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: p, Message: fmt.Sprintf("%s is not called on the way here", s.Name)})
	}
	if c.assignedToBlank(a, s) {
		report(fmt.Sprintf("%s from %s is assigned to _ and never called, so %s; call it (defer %s)", s.Name, s.Callee(), effect, release), related...)
		return
	}
	if b := c.borrower(a); b != "" {
		report(fmt.Sprintf("%s from %s is passed to %s, which never calls it, so %s; call it here (defer %s) or make %s call it", s.Name, s.Callee(), b, effect, release, b), related...)
		return
	}
	if s.vet {
		return // go vet's lostcancel reports the path
	}
	if a.NeverReleased() {
		report(fmt.Sprintf("%s from %s is never called, so %s; add defer %s", s.Name, s.Callee(), effect, release), related...)
		return
	}
	report(fmt.Sprintf("%s from %s is not called on the path that %s, so %s; add defer %s right after it", s.Name, s.Callee(), exit, effect, release), related...)
}

// lostInField names the unexported field ("Worker.cancel") or package
// variable that a cancel function is stored in when nothing reads it.
func (c *checker) lostInField(a *lifecycle.Acquisition) string {
	if !c.res.CancelLost(a) {
		return ""
	}
	for _, ev := range a.Events {
		if ev.Kind != lifecycle.Transfer && ev.Kind != lifecycle.Wrap || !ev.Direct {
			continue
		}
		obj := c.res.StoredInto(ev.Instr)
		if obj == nil {
			continue
		}
		if !obj.IsField() {
			return "the package variable " + obj.Name()
		}
		if fa, ok := ev.Instr.(*ssa.Store).Addr.(*ssa.FieldAddr); ok {
			if key, ok := lifecycle.TypeKeyOf(fa.X.Type()); ok {
				return key.Name + "." + obj.Name()
			}
		}
		return "the field " + obj.Name()
	}
	return ""
}

// assignedToBlank reports whether the function assigns the cancel
// variable to the blank identifier (`_ = cancel`), which go vet counts as
// a use.
func (c *checker) assignedToBlank(a *lifecycle.Acquisition, s *cancelSite) bool {
	if s.obj == nil {
		return false
	}
	var body ast.Node
	switch syn := a.Fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = syn.Body
	case *ast.FuncLit:
		body = syn.Body
	}
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" && i < len(as.Rhs) {
				if r, ok := ast.Unparen(as.Rhs[i]).(*ast.Ident); ok && c.pass.TypesInfo.Uses[r] == s.obj {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// borrower names a callee of this or another analysed package that
// received the cancel function and never calls it.
func (c *checker) borrower(a *lifecycle.Acquisition) string {
	for _, ev := range a.Events {
		if ev.Kind != lifecycle.Borrow || !ev.Direct || ev.Callee == nil {
			continue
		}
		return c.funcText(ev.Callee, nil)
	}
	return ""
}

func (c *checker) leakPos(a *lifecycle.Acquisition) token.Pos {
	if a.Leak == nil || a.Leak.Kind != lifecycle.LeakAtReturn {
		return token.NoPos
	}
	return report.ExitPos(a.Leak.Exit)
}

func (c *checker) exitText(a *lifecycle.Acquisition) string {
	if a.Leak.Kind == lifecycle.LeakNextIteration {
		return "reaches the next iteration"
	}
	if p := c.leakPos(a); p.IsValid() {
		return fmt.Sprintf("returns at line %d", c.line(p))
	}
	return "returns"
}

// ---- blocking timer drains ----

func (c *checker) drain(d *lifecycle.Drain) {
	name := "t.C"
	for _, n := range report.Path(c.pass, d.Recv.Pos()) {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			name = report.Text(u.X)
			break
		}
	}
	c.rep.Report(analysis.Diagnostic{
		Pos: d.Recv.Pos(),
		Message: fmt.Sprintf("this drain blocks forever when %s was already received (line %d) and the timer not reset: Stop then reports false and nothing is left in the channel; drain without blocking (select { case <-%s: default: }) or remember that the value was received",
			name, c.line(d.Prior), name),
		Related: []analysis.RelatedInformation{{Pos: d.Prior, Message: name + " may be received here before Stop"}},
	})
}
