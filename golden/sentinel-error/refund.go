package sentinelerror

import "errors"

// validateRefund rejects non-positive refunds.
//
// allocfix: rewrite — same message as validateAmount (rewrite.go, earlier file):
// reuses errAmountNotPositive; that was this file's only use of errors, so
// the "errors" import must be removed.
func validateRefund(c int64) error {
	if c <= 0 {
		return errors.New("amount must be positive")
	}
	return nil
}
