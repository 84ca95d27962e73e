package sentinelerror

import "errors"

// emptyRepo has one-line methods packed without blank lines, as in the standard
// library's cmd/go/internal/modload/query.go, and gofmt aligns their bodies, as in
// grafana/loki's pkg/iter/iterator.go.
type emptyRepo struct{ path string }

// The one-line methods — allocfix: rewrite — Check's sentinel goes above the whole
// run of one-liners: a var between them would split the run gofmt aligns.
func (er emptyRepo) Path() string { return er.path }
func (er emptyRepo) Check() error { return errors.New("empty repo") }
func (er emptyRepo) Size() int    { return 0 }
func (er emptyRepo) Load(strict bool) error {
	if strict {
		return errors.New("strict load of an empty repo")
	}
	return errors.New("empty repo has nothing to load")
}

// Load — allocfix: rewrite — its two sentinels share one insertion point right below
// a one-liner; each needs the blank line gofmt wants there, so they are placed in
// two passes.
