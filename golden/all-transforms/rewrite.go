package alltransforms

import (
	"errors"
	"fmt"
)

// visit acquires and releases every named item in turn.
//
// allocfix: rewrite — sentinel-error turns the empty-name error into a
// package-level sentinel, and defer-in-loop still moves the loop body into a
// helper in the next pass: the sentinel is as surely non-nil as the
// errors.New call it replaced, so the helper returns (bool, error) and the
// break keeps its meaning.
func visit(names []string) error {
	for _, n := range names {
		if n == "" {
			return errors.New("empty name")
		}
		if n == "stop" {
			break
		}
		it, err := acquire(n)
		if err != nil {
			return err
		}
		defer it.Close()
		_ = it.size
	}
	return nil
}

// labels returns "<prefix>-<i>" for each i.
//
// allocfix: rewrite — sprintf-strconv and prealloc-slice on one loop.
func labels(prefix string, ids []int) []string {
	var out []string
	for _, i := range ids {
		out = append(out, fmt.Sprintf("%s-%d", prefix, i))
	}
	return out
}
