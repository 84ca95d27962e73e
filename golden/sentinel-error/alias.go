package sentinelerror

import stderrors "errors"

// checkCurrency accepts three-letter currency codes.
//
// allocfix: rewrite — errors imported as stderrors: var
// errCurrencyCodeMustHaveThree = stderrors.New("currency code must have three letters")
// (first five words only).
func checkCurrency(code string) error {
	if len(code) != 3 {
		return stderrors.New("currency code must have three letters")
	}
	return nil
}
