package stranded

import (
	"strings"
	"testing"
)

// Issue 11 §3.17 in a test: the worker ranges over a channel in a field
// of a struct the test makes, and only the struct's drain method closes
// it. A return between the go statement and that call strands it.

type tally struct {
	words chan string
	count map[string]int
	done  chan struct{}
}

func (tl *tally) run() {
	for w := range tl.words {
		tl.count[w]++
	}
}

// finish closes the words channel the worker ranges over.
func (tl *tally) finish() { close(tl.words) }

func TestTallySkipsFinish(t *testing.T) {
	tl := &tally{words: make(chan string), count: map[string]int{}}
	go tl.run() // want `goroutine receives from words, but the test can return at line \d+ without closing it: the receive blocks forever and the goroutine outlives the test; call tl.finish\(\) on every path \(defer tl.finish\(\)\)`
	for _, w := range strings.Fields("a b c") {
		tl.words <- w
	}
	if testing.Short() {
		return
	}
	tl.finish()
}

func TestTallyFinishDeferred(t *testing.T) {
	tl := &tally{words: make(chan string), count: map[string]int{}}
	go tl.run()
	defer tl.finish()
	for _, w := range strings.Fields("a b c") {
		tl.words <- w
	}
	if testing.Short() {
		return
	}
}

func TestTallyFinishedOnEveryPath(t *testing.T) {
	tl := &tally{words: make(chan string), count: map[string]int{}}
	go tl.run()
	for _, w := range strings.Fields("a b c") {
		tl.words <- w
	}
	if testing.Short() {
		tl.finish()
		return
	}
	tl.finish()
}
