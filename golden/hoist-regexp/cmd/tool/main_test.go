package main

import "testing"

var sinkBool bool

func TestIsTag(t *testing.T) {
	if !isTag("v12") || isTag("x") {
		t.Fatal("isTag")
	}
}

func BenchmarkFixed_IsTag(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBool = isTag("v1")
	}
}
