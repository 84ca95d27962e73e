//go:build ignore

// gen_b.go is a generator run by hand (go run gen_b.go); gen_a.go and gen_b.go
// are two programs that both declare main and wordRE.
package main

import (
	"fmt"
	"regexp"
)

var wordRE = regexp.MustCompile(`[a-z]+`)

// main — allocfix: keep — not part of the package build: nothing is hoisted.
func main() {
	for _, s := range []string{"a1", "b2"} {
		fmt.Println(regexp.MustCompile(`[0-9]`).FindString(s), wordRE.FindString(s))
	}
}
