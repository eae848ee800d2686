package testfiles

import (
	"testing"
	"time"
)

func TestSpin(t *testing.T) {
	go func() {
		for {
			work()
			time.Sleep(time.Millisecond)
		}
	}()
	Spin()
}

func helperSpin() {
	go func() {
		for {
			work()
		}
	}()
}
