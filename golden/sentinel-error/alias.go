package sentinelerror

import stderrors "errors"

// checkCurrency accepts three-letter currency codes.
//
// allocfix: rewrite — errors imported as stderrors: var
// errCurrencyCodeNotThreeLetters = stderrors.New("currency code must have three
// letters") (content words; "must have" names the failure as Not).
func checkCurrency(code string) error {
	if len(code) != 3 {
		return stderrors.New("currency code must have three letters")
	}
	return nil
}
