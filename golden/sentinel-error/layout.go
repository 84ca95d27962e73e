package sentinelerror

import "errors"

// Limits are grouped in a var block right above the next function: the sentinel
// inserted above that function must not touch the block's closing parenthesis
// (golang/go#75318, #76934).
var (
	minQty = 1
	maxQty = 100
)

// checkQty validates an order quantity.
//
// allocfix: rewrite — the new var goes between the var block and this doc
// comment; the block keeps its parenthesis.
func checkQty(q int) error {
	if q < minQty || q > maxQty {
		return errors.New("quantity out of range")
	}
	return nil
}

// checkColor validates a colour name.
//
// allocfix: finding — the call sits in a run of same-indented lines whose
// trailing comments gofmt aligns; shortening it would leave the file
// unformatted, so there is no automatic fix.
func checkColor(c string) (string, error) {
	var err error
	if c == "" {
		err = errors.New("colour is empty") // reject empty names
		c = "none"                          // and name the default
	}
	return c, err
}

// checkShade validates a shade name.
//
// allocfix: rewrite — the trailing comments here are at different
// indentations, which gofmt does not align with each other.
func checkShade(s string) error {
	switch s {
	case "": // empty
		return errors.New("shade is empty") // reject
	}
	return nil
}

// collect appends an error to a list.
//
// allocfix: keep — no pattern.
func collect(errs []error, err error) []error {
	return append(errs, err)
}

// checkPlan reports a plan without an output path (terraform's opPlan).
//
// allocfix: rewrite — the multi-line errors.New is the last argument, followed
// by a comma and a line break: once it is one name, gofmt would join the
// closing parenthesis onto its line, and the fix does so too.
func checkPlan(errs []error, path string) []error {
	if path == "" {
		errs = collect(errs, errors.New(
			"plan output path is set without a backend"),
		)
	}
	return errs
}
