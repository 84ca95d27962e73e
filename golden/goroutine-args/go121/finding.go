package goroutineargs

import (
	"strings"
	"sync"
)

// The literal also captures wg: as arguments, each goroutine would cost two allocations.
//
// allocfix: finding
func waitAll(users []string) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			names <- u
		}()
		started++
	}
	wg.Wait()
}

// The loop body assigns the variable: the goroutine would no longer see that change.
//
// allocfix: finding
func trimmed(users []string) {
	for _, u := range users {
		u = strings.TrimSpace(u)
		go func() { names <- u }()
		started++
	}
}

// The goroutine assigns the loop variable.
//
// allocfix: finding
func shout(users []string) {
	for _, u := range users {
		go func() {
			u += "!"
			names <- u
		}()
		started++
	}
}

// Another function literal of the loop captures the variable too.
//
// allocfix: finding
func twice(users []string) {
	for _, u := range users {
		again := func() string { return u + u }
		go func() { names <- u }()
		names <- again()
	}
}

// The element type of a call's result is not written in the file.
//
// allocfix: finding
func fromCall() {
	for _, x := range load() {
		go func() { names <- x }()
		started++
	}
}

// The literal already has parameters.
//
// allocfix: finding
func prefixed(users []string) {
	for _, u := range users {
		go func(p string) { names <- p + u }("p:")
		started++
	}
}

// A method value's receiver is another local: it is captured too.
//
// allocfix: finding
func countAll(users []string) map[string]int {
	c := &counter{n: map[string]int{}}
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			c.add(u)
			wg.Done()
		}()
		started++
	}
	wg.Wait()
	return c.n
}

// A method with a pointer receiver works on the variable in place: a parameter would be
// a copy.
//
// allocfix: finding
func runAll(jobs []job) {
	for _, j := range jobs {
		go func() { j.run() }()
		started++
	}
}
