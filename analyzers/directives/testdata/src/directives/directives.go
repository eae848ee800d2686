// Package directives holds //leakvet:ignore directives in use and out of
// use, well-formed and not.
package directives

import (
	"net/http"
	"os"
	"time"
)

// In use: each directive silences the report of an analyzer it names.

func usedAbove(p string) {
	//leakvet:ignore unclosed the process exits right after this call
	f, _ := os.Open(p)
	println(f.Name())
}

func usedSameLine(p string) {
	f, _ := os.Open(p) //leakvet:ignore unclosed closed by the OS at exit
	println(f.Name())
}

func usedByOneOfTwo(p string) {
	//leakvet:ignore gocancel,unclosed only unclosed has something to say here
	f, _ := os.Open(p)
	println(f.Name())
}

func usedSpaced(p string) {
	// leakvet:ignore unclosed the spaced form is understood too
	f, _ := os.Open(p)
	println(f.Name())
}

func usedTwice(p string) {
	//leakvet:ignore unclosed one reason
	f, _ := os.Open(p) //leakvet:ignore unclosed and another, both cover this line
	println(f.Name())
}

func usedByClientreuse(urls []string) {
	for _, u := range urls {
		//leakvet:ignore clientreuse each backend needs its own proxy settings
		c := &http.Client{Transport: &http.Transport{MaxIdleConns: 1}}
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func usedByGocancel(work func()) {
	t := time.NewTicker(time.Second)
	//leakvet:ignore gocancel runs for the life of the process by design
	go func() {
		for range t.C {
			work()
		}
	}()
}

// Out of use: nothing on the directive's line or the next is reported by
// an analyzer it names.

func fixedSince(p string) error {
	//leakvet:ignore unclosed closed below now // want `directives: //leakvet:ignore unclosed silences nothing: unclosed reports nothing on this line or the next; remove the directive`
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	return f.Close()
}

func wrongAnalyzer(p string) {
	//leakvet:ignore gocancel the leak is unclosed's // want `//leakvet:ignore gocancel silences nothing: gocancel reports nothing`
	f, _ := os.Open(p)
	println(f.Name())
}

func noneOfTwo(p string) error {
	//leakvet:ignore unclosed,gocancel nothing leaks here // want `//leakvet:ignore unclosed,gocancel silences nothing: none of unclosed, gocancel reports nothing`
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

// A directive covers its line and the next only.
func tooFar(p string) {
	//leakvet:ignore unclosed not adjacent // want `//leakvet:ignore unclosed silences nothing`

	f, _ := os.Open(p)
	println(f.Name())
}

// Malformed, reported under the directives analyzer's name whatever the
// directive names.

func noReason(p string) {
	// want +2 `^directives: //leakvet:ignore unclosed needs a reason after the analyzer name$`
	// category: directive
	//leakvet:ignore unclosed
	f, _ := os.Open(p)
	println(f.Name())
}

func unknownAnalyzer(p string) {
	//leakvet:ignore bodyclose it is fine // want `^directives: //leakvet:ignore names unknown analyzer "bodyclose"`
	f, _ := os.Open(p)
	println(f.Name())
}

func noName(p string) {
	// want +1 `^directives: //leakvet:ignore needs an analyzer name`
	//leakvet:ignore
	f, _ := os.Open(p)
	println(f.Name())
}
