package goroutineargs

import "strconv"

// The seed's exercise 7: the goroutine reads the shared loop variable.
//
// allocfix: rewrite
func notifyAll(users []string) {
	for _, u := range users {
		go func() { names <- u }()
		started++
	}
}

// Index and value, both captured, passed in declaration order.
//
// allocfix: rewrite
func labelAll(words []string) {
	for i, w := range words {
		go func() {
			names <- strconv.Itoa(i) + ":" + w
		}()
		started++
	}
}

// A three-clause loop: the update clause writes i, the body does not.
//
// allocfix: rewrite
func countTo(n int) {
	for i := 0; i < n; i++ {
		go func() { numbers <- i * i }()
		started++
	}
}

// A map: key and value types come from the map's type.
//
// allocfix: rewrite
func pairs(m map[string]int) {
	for k, v := range m {
		go func() { names <- k + "=" + strconv.Itoa(v) }()
		started++
	}
}

// A string: the value is a rune.
//
// allocfix: rewrite
func letters(s string) {
	for _, r := range s {
		go func() { names <- string(r) }()
		started++
	}
}

// Nested loops: the variables of both loops are passed.
//
// allocfix: rewrite
func product(as, bs []string) {
	for _, a := range as {
		for _, b := range bs {
			go func() { names <- a + b }()
			started++
		}
	}
}

// A struct whose fields are only read: the copy reads the same values.
//
// allocfix: rewrite
func jobNames(jobs []job) {
	for _, j := range jobs {
		go func() { names <- j.name }()
		started++
	}
}
