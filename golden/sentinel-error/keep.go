package sentinelerror

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is already a package-level sentinel.
//
// allocfix: keep — errors.New at package level is what the rewrite produces.
var ErrNotFound = errors.New("not found")

// lookup returns the existing sentinel.
//
// allocfix: keep — nothing is allocated.
func lookup(k string) error {
	if k == "" {
		return ErrNotFound
	}
	return nil
}

// validateWith rejects an empty value through the given factory.
//
// allocfix: keep — errors is the parameter shadowing the import.
func validateWith(errors errorFactory, s string) error {
	if s == "" {
		return errors.New("empty value")
	}
	return nil
}

// validateRange reports the bad amount.
//
// allocfix: keep — %d: the error carries the value.
func validateRange(c int64) error {
	if c > 1000 {
		return fmt.Errorf("amount %d out of range", c)
	}
	return nil
}

// wrapLoad wraps err.
//
// allocfix: keep — %w wraps a dynamic error.
func wrapLoad(err error) error {
	return fmt.Errorf("load: %w", err)
}

// checkMode rejects unknown modes.
//
// allocfix: keep — %s.
func checkMode(m string) error {
	if m != "r" && m != "w" {
		return fmt.Errorf("unknown mode %s", m)
	}
	return nil
}

// checkValue rejects negative values.
//
// allocfix: keep — %v.
func checkValue(v float64) error {
	if v < 0 {
		return fmt.Errorf("bad value %v", v)
	}
	return nil
}

// badField names the field.
//
// allocfix: keep — the message is built at run time.
func badField(name string) error {
	return errors.New("bad field " + name)
}

// newError wraps a caller-given message.
//
// allocfix: keep — the message is a variable.
func newError(msg string) error {
	return errors.New(msg)
}

// ValidationError carries the failing fields.
type ValidationError struct {
	Fields []string
}

// allocfix: keep — support code, no pattern.
func (e *ValidationError) Error() string {
	return "invalid fields: " + strings.Join(e.Fields, ", ")
}

// validateRecord reports every empty field.
//
// allocfix: keep — the error carries distinct data (seed "When NOT").
func validateRecord(rec map[string]string, keys ...string) error {
	var bad []string
	for _, k := range keys {
		if rec[k] == "" {
			bad = append(bad, k)
		}
	}
	if bad != nil {
		return &ValidationError{Fields: bad}
	}
	return nil
}
