package drain

import (
	"testing"
	"time"
)

// The timer's value is received only in the case that calls t.Fatalf,
// which ends the test goroutine: the drain never follows that receive.
func awaitHealthy(t *testing.T, healthy func() bool) {
	limit := time.NewTimer(time.Second)
	for !healthy() {
		select {
		case <-limit.C:
			t.Fatalf("not healthy within a second")
		case <-time.After(time.Millisecond):
		}
	}
	if !limit.Stop() {
		<-limit.C
	}
}

// The twin: t.Errorf lets the test go on, so the drain may follow the
// receive and block.
func awaitHealthyOrReport(t *testing.T, healthy func() bool) {
	limit := time.NewTimer(time.Second)
	for !healthy() {
		select {
		case <-limit.C:
			t.Errorf("not healthy within a second")
		case <-time.After(time.Millisecond):
			continue
		}
		break
	}
	if !limit.Stop() {
		<-limit.C // want `this drain blocks forever when limit.C was already received`
	}
}

func TestAwait(t *testing.T) {
	awaitHealthy(t, func() bool { return true })
	awaitHealthyOrReport(t, func() bool { return true })
}
