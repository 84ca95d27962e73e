// Command tool runs once: its errors are built once too.
package main

import (
	"errors"
	"fmt"
	"os"
)

// init runs once per program.
//
// allocfix: keep — an error built in init is built once; a package-level var
// would save nothing.
func init() {
	if len(os.Args) > 99 {
		fmt.Println(errors.New("too many arguments"))
	}
}

// main runs once.
//
// allocfix: keep — outside any loop, main runs once.
func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Println(errors.New("tool failed"), err)
	}
}

// run is an ordinary function of the command.
//
// allocfix: rewrite — called from anywhere, any number of times:
// errNoArguments.
func run(args []string) error {
	if len(args) == 0 {
		return errors.New("no arguments")
	}
	return nil
}
