package stringbuilder

import "testing"

func TestOptHeader(t *testing.T) {
	want := "\n;; OPT PSEUDOSECTION:\n; EDNS: version 0; flags: do co\n; udp: 4096 [01]"
	if got := OptHeader(0, []string{"do", "co"}); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	want = "\n;; OPT PSEUDOSECTION:\n; EDNS: version 1; flags:\n; udp: 4096 []"
	if got := OptHeader(1, nil); got != want {
		t.Errorf("no flags: got %q", got)
	}
}

func BenchmarkFixed_OptHeader(b *testing.B) {
	flags := fields50[:20]
	for i := 0; i < b.N; i++ {
		sinkString = OptHeader(i, flags)
	}
}
