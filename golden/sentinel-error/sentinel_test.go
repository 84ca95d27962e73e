package sentinelerror

import (
	"errors"
	"io"
	"reflect"
	"testing"
)

// checkErr pins the text of err, that errors.Is(err, err) holds and that
// err is not nil.
func checkErr(t *testing.T, name string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: nil error, want %q", name, want)
	}
	if got := err.Error(); got != want {
		t.Errorf("%s: Error() = %q, want %q", name, got, want)
	}
	if !errors.Is(err, err) {
		t.Errorf("%s: errors.Is(err, err) is false", name)
	}
}

func TestValidateAmount(t *testing.T) {
	checkErr(t, "validateAmount(0)", validateAmount(0), "amount must be positive")
	checkErr(t, "validateAmount(-5)", validateAmount(-5), "amount must be positive")
	if err := validateAmount(1); err != nil {
		t.Errorf("validateAmount(1) = %v, want nil", err)
	}
}

func TestValidateRefund(t *testing.T) {
	checkErr(t, "validateRefund(0)", validateRefund(0), "amount must be positive")
	if err := validateRefund(3); err != nil {
		t.Errorf("validateRefund(3) = %v", err)
	}
}

func TestWithdraw(t *testing.T) {
	a := &Account{balance: 10}
	checkErr(t, "Withdraw(11)", a.Withdraw(11), "insufficient funds")
	if a.balance != 10 {
		t.Errorf("balance changed on failure: %d", a.balance)
	}
	if err := a.Withdraw(4); err != nil || a.balance != 6 {
		t.Errorf("Withdraw(4) = %v, balance %d", err, a.balance)
	}
}

func TestValidateForm(t *testing.T) {
	checkErr(t, "validateForm(\"\", x)", validateForm("", "x"), "value is required")
	checkErr(t, "validateForm(x, \"\")", validateForm("x", ""), "value is required")
	if err := validateForm("a", "b"); err != nil {
		t.Errorf("validateForm ok = %v", err)
	}
}

func TestValidateLines(t *testing.T) {
	errs := validateLines([]string{"a", "", "b", ""})
	if len(errs) != 2 {
		t.Fatalf("len = %d, want 2", len(errs))
	}
	for _, err := range errs {
		checkErr(t, "validateLines", err, "empty line")
	}
	if errs := validateLines([]string{"a"}); errs != nil {
		t.Errorf("validateLines without empty line = %#v, want nil", errs)
	}
}

func TestValidateUser(t *testing.T) {
	checkErr(t, "validateUser(\"\", 1)", validateUser("", 1), "name is required")
	checkErr(t, "validateUser(x, -1)", validateUser("x", -1), "age must be non-negative")
	if err := validateUser("x", 0); err != nil {
		t.Errorf("validateUser ok = %v", err)
	}
}

func TestFindUser(t *testing.T) {
	name, err := findUser(2)
	checkErr(t, "findUser(2)", err, "not found")
	if name != "" {
		t.Errorf("name = %q", name)
	}
	if name, err := findUser(1); name != "root" || err != nil {
		t.Errorf("findUser(1) = %q, %v", name, err)
	}
}

func TestWaitReady(t *testing.T) {
	checkErr(t, "waitReady(0)", waitReady(0), "timeout exceeded")
	if err := waitReady(1); err != nil {
		t.Errorf("waitReady(1) = %v", err)
	}
	checkErr(t, "errTimeoutExceeded(3)", errTimeoutExceeded(3), "timeout exceeded after 3 tries")
}

func TestCheckCurrency(t *testing.T) {
	checkErr(t, "checkCurrency(EU)", checkCurrency("EU"), "currency code must have three letters")
	if err := checkCurrency("EUR"); err != nil {
		t.Errorf("checkCurrency(EUR) = %v", err)
	}
}

func TestFmtRewrites(t *testing.T) {
	checkErr(t, "loadConfig", loadConfig(""), "config path is empty")
	if err := loadConfig("/etc/x"); err != nil {
		t.Errorf("loadConfig ok = %v", err)
	}
	checkErr(t, "validatePort(0)", validatePort(0), "port must be set")
	checkErr(t, "validatePort(70000)", validatePort(70000), "port 70000 out of range")
	if err := validatePort(443); err != nil {
		t.Errorf("validatePort(443) = %v", err)
	}
	// "%%" must become "%", not stay "%%".
	checkErr(t, "checkQuota", checkQuota(5, 5), "quota 100% used")
	if err := checkQuota(4, 5); err != nil {
		t.Errorf("checkQuota(4, 5) = %v", err)
	}
}

func TestKeptCarryData(t *testing.T) {
	checkErr(t, "validateRange", validateRange(1234), "amount 1234 out of range")
	checkErr(t, "validateRange", validateRange(5678), "amount 5678 out of range")
	if err := validateRange(10); err != nil {
		t.Errorf("validateRange(10) = %v", err)
	}
	w := wrapLoad(io.EOF)
	checkErr(t, "wrapLoad", w, "load: EOF")
	if !errors.Is(w, io.EOF) {
		t.Errorf("wrapLoad lost the wrapped error")
	}
	checkErr(t, "checkMode", checkMode("x"), "unknown mode x")
	checkErr(t, "checkValue", checkValue(-1.5), "bad value -1.5")
	checkErr(t, "badField", badField("zip"), "bad field zip")
	checkErr(t, "newError", newError("custom"), "custom")
	err := validateRecord(map[string]string{"a": "1"}, "a", "b", "c")
	checkErr(t, "validateRecord", err, "invalid fields: b, c")
	var ve *ValidationError
	if !errors.As(err, &ve) || !reflect.DeepEqual(ve.Fields, []string{"b", "c"}) {
		t.Errorf("validateRecord data = %#v", ve)
	}
	if err := validateRecord(map[string]string{"a": "1"}, "a"); err != nil {
		t.Errorf("validateRecord ok = %v", err)
	}
	checkErr(t, "lookup", lookup(""), "not found")
	if !errors.Is(lookup(""), ErrNotFound) {
		t.Errorf("lookup no longer returns ErrNotFound")
	}
	checkErr(t, "generatedCheck", generatedCheck(-1), "generated value is negative")
}

// TestShadowedErrors pins that the local / parameter named errors is used:
// a rewrite to the standard errors.New would lose the prefix and the type.
func TestShadowedErrors(t *testing.T) {
	err := parseFlag("")
	checkErr(t, "parseFlag", err, "flag: empty flag")
	var pe *prefixedError
	if !errors.As(err, &pe) {
		t.Errorf("parseFlag error is %T, want *prefixedError", err)
	}
	if err := parseFlag("-v"); err != nil {
		t.Errorf("parseFlag ok = %v", err)
	}
	err = validateWith(errorFactory{prefix: "form"}, "")
	checkErr(t, "validateWith", err, "form: empty value")
	if !errors.As(err, &pe) {
		t.Errorf("validateWith error is %T, want *prefixedError", err)
	}
}
