package node

import "testing"

func TestNodes(t *testing.T) {
	if n := newNode(1, "n", "ann"); n.author() != "ann" || n.ID != 1 {
		t.Fatal(n)
	}
	if newItem(1, "x").Extra.Note != "x" || plainItem(2).Extra != nil {
		t.Fatal("items")
	}
	if newJob("j").verbose() {
		t.Fatal("job")
	}
	m := newMachine()
	m.State.N = 3
	m.reset()
	if m.State.N != 0 || pair("p").Left.Author != "p" {
		t.Fatal("machine/pair")
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_NewNode(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = newNode(int64(i), "n", "a")
	}
}
