// Package tick holds time.Tick calls in a go 1.22 module, where a Ticker that is not
// stopped is never freed.
package tick

import (
	"errors"
	"time"
)

var errStopped = errors.New("stopped")

// poll returns after n ticks: every call leaks one ticker.
// allocfix: finding
func poll(n int, d time.Duration) int {
	seen := 0
	for range time.Tick(d) {
		seen++
		if seen == n {
			return seen
		}
	}
	return seen
}

// waitOne waits for one tick and returns.
// allocfix: finding
func waitOne(d time.Duration) time.Time {
	return <-time.Tick(d)
}

// daemon never returns: its one ticker lives as long as the process.
// allocfix: keep
func daemon(d time.Duration, work func()) {
	tick := time.Tick(d)
	for {
		<-tick
		work()
	}
}

// daemonSelect never returns either: the break leaves only the select.
// allocfix: keep
func daemonSelect(d time.Duration, work chan func()) {
	tick := time.Tick(d)
	for {
		select {
		case <-tick:
		case f := <-work:
			f()
			break
		}
	}
}

// loopUntil can leave its loop with a labeled break, so it returns.
// allocfix: finding
func loopUntil(d time.Duration, stop chan struct{}) error {
	tick := time.Tick(d)
loop:
	for {
		select {
		case <-tick:
		case <-stop:
			break loop
		}
	}
	return errStopped
}

// goroutine starts a goroutine whose literal never returns; the enclosing function
// returns, but the ticker belongs to the goroutine.
// allocfix: keep
func goroutine(d time.Duration, work func()) {
	go func() {
		for range time.Tick(d) {
			work()
		}
	}()
}

// stopped uses a Ticker it stops: nothing to report.
// allocfix: keep
func stopped(d time.Duration) time.Time {
	t := time.NewTicker(d)
	defer t.Stop()
	return <-t.C
}

// rangeForever ranges over the ticker's channel, which never ends, and has no return.
// allocfix: keep
func rangeForever(d time.Duration, work func()) {
	tick := time.Tick(d)
	for range tick {
		work()
	}
}
