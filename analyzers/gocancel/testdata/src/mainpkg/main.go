// Command mainpkg starts process-lifetime goroutines from main and init.
package main

import (
	"context"
	"os"
	"os/signal"
	"time"
)

func work() {}

func poll() {
	for {
		work()
		time.Sleep(time.Second)
	}
}

func init() {
	go poll()
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	_ = stop
	go func() {
		for {
			work()
			time.Sleep(time.Second)
		}
	}()
	go func() {
		go poll() // still inside main: process lifetime
	}()
	serve(ctx)
	start()
	reload()
	<-ctx.Done()
}

// serve is not main: its goroutines are reported.
func serve(ctx context.Context) {
	go poll() // want `can never be stopped: in poll, the loop at line 14 has no exit`
	go func() {
		<-ctx.Done()
	}()
}

func run() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // want `stop from signal.NotifyContext is never called`
	serve(ctx)
	if stop == nil {
		return
	}
}

// start runs only on behalf of main: process lifetime.
func start() {
	go poll()
}

// reload is called by main and by a handler: not process lifetime.
func reload() {
	go poll() // want `can never be stopped`
}

func handler() { reload() }

var hooks = []func(){handler}
