package alltransforms

import (
	"reflect"
	"testing"
)

// These tests pin behaviour that holds before and after the fix.

func TestVisit(t *testing.T) {
	reset("a", "b")
	if err := visit([]string{"a", "b", "stop", "zz"}); err != nil {
		t.Fatal(err)
	}
	if store.held != 0 || store.closes != 2 {
		t.Fatalf("held %d, closes %d after visit", store.held, store.closes)
	}
	err := visit([]string{"a", ""})
	if err == nil || err.Error() != "empty name" || store.held != 0 {
		t.Fatalf("visit with an empty name: %v, held %d", err, store.held)
	}
	if err := visitGenerated([]string{"a"}); err != nil {
		t.Fatal(err)
	}
}

func TestLabels(t *testing.T) {
	if got := labels("item", nil); got != nil {
		t.Fatalf("labels(nil) = %#v, want nil", got)
	}
	got := labels("item", []int{0, -3, 42})
	if want := []string{"item-0", "item--3", "item-42"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("labels = %#v, want %#v", got, want)
	}
	if err := describe("x"); err.Error() != "bad item: x" {
		t.Fatal(err)
	}
}
