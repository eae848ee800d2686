package lifecycle

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A test goroutine often ranges over a channel in a field of a struct
// the test makes (issue 11 §3.17):
//
//	tl := &tally{words: make(chan string)}
//	go tl.run()       // for w := range tl.words
//	defer tl.finish() // close(tl.words)
//
// The load of tl.words inside the goroutine comes from no variable of
// the test, so the stop question used to be asked of the goroutine alone,
// which never closes it: the loop read as endless. The channel is the
// one the test made and stored in that field; what the test and the
// callees the channel walk follows (tl.finish) do with it decides.

// fieldChanLive judges ch, a channel loaded in the goroutine of frame f,
// when it is a field of a struct the starting function allocates and
// fills with a channel it makes: live when something may close it
// (receipt false: a range or comma-ok loop waiting for the close) or
// send on it or close it (receipt true). known is false for any other
// channel.
func (e *engine) fieldChanLive(f *frame, ch ssa.Value, receipt bool) (live, known bool) {
	k, ok := f.outerKey(ch)
	if !ok || strings.Count(k.path, ".") != 1 {
		return false, false
	}
	obj, ok := k.base.(*ssa.Alloc)
	if !ok {
		return false, false
	}
	if inner := storedAlloc(obj); inner != nil {
		obj = inner // the variable cell a closure captures
	}
	field, err := strconv.Atoi(k.path[1:])
	if err != nil {
		return false, false
	}
	mc := chanMadeInField(obj, field)
	if mc == nil {
		return false, false
	}
	u := e.localChanUse(mc)
	if u == nil {
		return true, true
	}
	if receipt {
		return u.maySend(), true
	}
	return u.mayClose(), true
}

// chanMadeInField returns the make(chan) of obj's function stored into
// field of obj, when exactly one channel is stored there and it is made
// in that function.
func chanMadeInField(obj *ssa.Alloc, field int) *ssa.MakeChan {
	var mc *ssa.MakeChan
	for _, r := range referrers(obj) {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Field != field {
			continue
		}
		for _, u := range referrers(fa) {
			st, ok := u.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			m, ok := st.Val.(*ssa.MakeChan)
			if !ok || m.Parent() != obj.Parent() || mc != nil && mc != m {
				return nil
			}
			mc = m
		}
	}
	return mc
}
