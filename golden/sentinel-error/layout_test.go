package sentinelerror

import "testing"

func TestLayoutCases(t *testing.T) {
	if err := checkQty(0); err == nil || err.Error() != "quantity out of range" {
		t.Fatalf("checkQty(0) = %v", err)
	}
	if err := checkQty(5); err != nil {
		t.Fatalf("checkQty(5) = %v", err)
	}
	if c, err := checkColor(""); c != "none" || err == nil || err.Error() != "colour is empty" {
		t.Fatalf("checkColor(\"\") = %q, %v", c, err)
	}
	if c, err := checkColor("red"); c != "red" || err != nil {
		t.Fatalf("checkColor(red) = %q, %v", c, err)
	}
	if err := checkShade(""); err == nil || err.Error() != "shade is empty" {
		t.Fatalf("checkShade(\"\") = %v", err)
	}
	if errs := checkPlan(nil, ""); len(errs) != 1 || errs[0].Error() != "plan output path is set without a backend" {
		t.Fatalf("checkPlan(nil, \"\") = %v", errs)
	}
	if errs := checkPlan(nil, "p"); len(errs) != 0 {
		t.Fatalf("checkPlan(nil, p) = %v", errs)
	}
}

var layoutSink error

func BenchmarkFixed_CheckQty(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = checkQty(0)
	}
}

func BenchmarkFixed_CheckShade(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = checkShade("")
	}
}

func BenchmarkFixed_CheckPlan(b *testing.B) {
	errs := make([]error, 0, 1)
	for i := 0; i < b.N; i++ {
		_ = checkPlan(errs, "")
	}
}

func BenchmarkKept_CheckColor(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, layoutSink = checkColor("")
	}
}
