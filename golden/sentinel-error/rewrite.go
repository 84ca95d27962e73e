package sentinelerror

import "errors"

// validateAmount rejects non-positive amounts (the seed).
//
// allocfix: rewrite — constant message: var errAmountNotPositive =
// errors.New("amount must be positive") above this comment.
func validateAmount(c int64) error {
	if c <= 0 {
		return errors.New("amount must be positive")
	}
	return nil
}

// Account holds a balance.
type Account struct {
	balance int64
}

// Withdraw takes n from the balance.
//
// allocfix: rewrite — inside a method: errInsufficientFunds, inserted above
// the method's doc comment.
func (a *Account) Withdraw(n int64) error {
	if n > a.balance {
		return errors.New("insufficient funds")
	}
	a.balance -= n
	return nil
}

// validateForm checks that both fields are set.
//
// allocfix: rewrite — inside a func literal: errValueRequired, inserted above
// validateForm.
func validateForm(name, email string) error {
	required := func(v string) error {
		if v == "" {
			return errors.New("value is required")
		}
		return nil
	}
	if err := required(name); err != nil {
		return err
	}
	return required(email)
}

// validateLines returns one error per empty line, nil when there is none.
//
// allocfix: rewrite — inside a loop: errEmptyLine.
func validateLines(lines []string) []error {
	var errs []error
	for _, l := range lines {
		if l == "" {
			errs = append(errs, errors.New("empty line"))
		}
	}
	return errs
}

// validateUser checks a name and an age.
//
// allocfix: rewrite — two messages, two vars in source order:
// errNameRequired then errAgeNegative ("must be non-negative" names the failure).
func validateUser(name string, age int) error {
	if name == "" {
		return errors.New("name is required")
	}
	if age < 0 {
		return errors.New("age must be non-negative")
	}
	return nil
}

// findUser looks a user up.
//
// allocfix: rewrite — keep.go already declares ErrNotFound =
// errors.New("not found"), but that variable was in the code before: returning
// it would make errors.Is(err, ErrNotFound) true where it was false. The call
// gets its own sentinel, errNotFound.
func findUser(id int) (string, error) {
	if id == 1 {
		return "root", nil
	}
	return "", errors.New("not found")
}

// waitReady fails when the tries are used up.
//
// allocfix: rewrite — errTimeoutExceeded is a function in names.go:
// errTimeoutExceeded0.
func waitReady(tries int) error {
	if tries <= 0 {
		return errors.New("timeout exceeded")
	}
	return nil
}
