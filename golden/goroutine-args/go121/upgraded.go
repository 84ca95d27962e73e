//go:build go1.22

package goroutineargs

// This file's build line sets its language version to go1.22: every iteration has its
// own variable, and capturing is right.
//
// allocfix: keep
func notifyUpgraded(users []string) {
	for _, u := range users {
		go func() { names <- u }()
		started++
	}
}
