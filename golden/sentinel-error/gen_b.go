//go:build ignore

// gen_b.go is a generator run with go run; it is not part of the package, and
// gen_a.go and gen_b.go are two separate programs (both declare main and check).
package main

import (
	"errors"
	"fmt"
)

// check is called from main only.
//
// allocfix: keep — the file is not part of the package build (//go:build
// ignore): nothing is hoisted out of it, and the names it shares with the
// other generator are no conflict.
func check(n int) error {
	if n < 0 {
		return errors.New("negative count")
	}
	return nil
}

// allocfix: keep — not part of the package build: nothing is rewritten.
func main() {
	fmt.Println(check(-1))
}
