package account_test

import (
	"testing"

	"example.com/golden/named-id/internal/account"
)

func TestDescribe(t *testing.T) {
	if got := account.Describe(4); got != "account 4" {
		t.Fatal(got)
	}
}
