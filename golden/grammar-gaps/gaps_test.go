package grammargaps

import "testing"

func TestBehaviour(t *testing.T) {
	if p := retries(41); *p != 42 {
		t.Fatalf("retries(41) = %d", *p)
	}
	s, p := labelAndPtr(-7)
	if s != "-7" || *p != -14 {
		t.Fatalf("labelAndPtr(-7) = %q, %d", s, *p)
	}
	if got := label(123456); got != "123456" {
		t.Fatalf("label = %q", got)
	}
	if got := retryLabel(-12); got != "-123" {
		t.Fatalf("retryLabel = %q", got)
	}
	if got := generatedLabel(5); got != "5" {
		t.Fatalf("generatedLabel = %q", got)
	}
}

var (
	sinkString string
	sinkPtr    *int
	benchN     = 123456
)

func BenchmarkFixed_Label(b *testing.B) {
	for b.Loop() {
		sinkString = label(benchN)
	}
}

func BenchmarkKept_Retries(b *testing.B) {
	for b.Loop() {
		sinkPtr = retries(benchN)
	}
}

func BenchmarkKept_LabelAndPtr(b *testing.B) {
	for b.Loop() {
		sinkString, sinkPtr = labelAndPtr(benchN)
	}
}
