package sentinelerror

// This file does not import "errors": errors below is a local value.

// errorFactory builds errors carrying a prefix.
type errorFactory struct {
	prefix string
}

// prefixedError is the error errorFactory builds.
type prefixedError struct {
	prefix, msg string
}

// allocfix: keep — support code, no pattern.
func (e *prefixedError) Error() string { return e.prefix + ": " + e.msg }

// New builds a prefixed error.
//
// allocfix: keep — support code, no pattern.
func (f errorFactory) New(msg string) error {
	return &prefixedError{prefix: f.prefix, msg: msg}
}

// parseFlag rejects an empty flag.
//
// allocfix: keep — errors is a local errorFactory, not the standard package
// (and this file does not import "errors").
func parseFlag(s string) error {
	errors := errorFactory{prefix: "flag"}
	if s == "" {
		return errors.New("empty flag")
	}
	return nil
}
