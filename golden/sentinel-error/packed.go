package sentinelerror

import "errors"

// emptyRepo has one-line methods packed without blank lines, as in the standard
// library's cmd/go/internal/modload/query.go.
type emptyRepo struct{ path string }

// allocfix: keep — no error construction.
func (er emptyRepo) Path() string { return er.path }
func (er emptyRepo) Check() error { return errors.New("empty repo") }
func (er emptyRepo) Load(strict bool) error {
	if strict {
		return errors.New("strict load of an empty repo")
	}
	return errors.New("empty repo has nothing to load")
}

// Check and Load — allocfix: rewrite — each sentinel goes above its method with the
// blank lines gofmt wants around a var between packed funcs; Load's two sentinels share
// one insertion point and are placed in two passes.
