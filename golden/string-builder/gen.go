//go:build ignore

// gen writes a Go list of names: a one-shot program run by go generate
// (coredns directives_generate.go).
package main

import (
	"fmt"
	"os"
)

// main builds the file once.
//
// allocfix: keep — the file is outside the package build: a one-shot program
// gains nothing from a Builder, and go vet of the package would not check it.
func main() {
	out := "var Names = []string{\n"
	for _, n := range os.Args[1:] {
		out += "\t\"" + n + "\",\n"
	}
	out += "}\n"
	fmt.Print(out)
}
