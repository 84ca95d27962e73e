package goroutineargs

import "sync"

// Results of the goroutines: the callers (tests, benchmarks) receive one value per
// goroutine started.
var (
	names   = make(chan string, 1024)
	numbers = make(chan int, 1024)
	started int
)

// allocfix: keep
func load() []string { return []string{"a", "b"} }

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

// allocfix: keep
func (c *counter) add(s string) {
	c.mu.Lock()
	c.n[s]++
	c.mu.Unlock()
}

type job struct {
	id   int
	name string
}

// allocfix: keep
func (j *job) run() {
	j.id++
	numbers <- j.id
}
