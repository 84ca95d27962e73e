// Package hot has one function its benchmark calls per record (hot) and one it never
// calls (cold), for the snapshot tests of `--profile` (see ../README.md).
package hot

import (
	"errors"
	"fmt"
)

// Parse is called once per record: hot.
func Parse(fields []string) (int, error) {
	n := 0
	for _, f := range fields {
		if f == "" {
			return 0, errors.New("empty field")
		}
		n += len(fmt.Sprintf("%d", len(f)))
	}
	return n, nil
}

// Configure runs once at start-up: cold.
func Configure(name string) error {
	if name == "" {
		return errors.New("no name")
	}
	return nil
}
