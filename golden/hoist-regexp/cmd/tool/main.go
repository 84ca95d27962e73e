// Command tool runs once.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
)

// main runs once.
//
// allocfix: rewrite — the pattern outside the loop is compiled once per run
// and stays; the one inside the loop is compiled per line: mainRE.
func main() {
	blank := regexp.MustCompile(`^\s*$`)
	sc := bufio.NewScanner(os.Stdin)
	n := 0
	for sc.Scan() {
		if blank.MatchString(sc.Text()) {
			continue
		}
		if regexp.MustCompile(`^\s*#`).MatchString(sc.Text()) {
			n++
		}
	}
	fmt.Println(n, isTag("v1"))
}

// isTag is an ordinary function of the command.
//
// allocfix: rewrite — any number of calls: tagRE.
func isTag(s string) bool {
	return regexp.MustCompile(`^v[0-9]+$`).MatchString(s)
}
