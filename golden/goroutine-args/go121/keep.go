package goroutineargs

// Not in a loop.
//
// allocfix: keep
func one(u string) {
	go func() { names <- u }()
	started++
}

// A copy made in the body is a variable of its own per iteration.
//
// allocfix: keep
func copied(users []string) {
	for _, u := range users {
		u := u
		go func() { names <- u }()
		started++
	}
}

// A named function: its arguments are evaluated by the go statement.
//
// allocfix: keep
func direct(users []string) {
	for _, u := range users {
		go send(u)
		started++
	}
}

// allocfix: keep
func send(u string) { names <- u }

// The loop variable is not used by the goroutine.
//
// allocfix: keep
func ticks(users []string) {
	for range users {
		go func() { numbers <- 1 }()
		started++
	}
}
