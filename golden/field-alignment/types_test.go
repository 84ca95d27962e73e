package fieldalignment

import (
	"bytes"
	"testing"
)

func TestValuesKeepTheirFields(t *testing.T) {
	rs := newRecords(3)
	if r := rs[2]; r.id != 2 || !r.valid || r.kind != 'r' || r.score != 1 {
		t.Fatalf("%+v", r)
	}
	gs := newGroups(2)
	if g := gs[1]; !g.a || g.b || g.n != 1 || g.c != 1 {
		t.Fatalf("%+v", g)
	}
	ss := newSessions(2)
	if s := ss[1]; !s.open || s.retries != 1 || s.user != nil {
		t.Fatalf("%+v", s)
	}
	p := point{true, 1.5, false}
	if p != makePoint(1.5) {
		t.Fatalf("%+v", p)
	}
	if b := encodeHeader(header{flag: 1, length: 2, version: 3}); !bytes.Equal(b, []byte{1, 2, 0, 0, 0, 3}) {
		t.Fatalf("%v", b)
	}
	if e, w, n, s := misc(); e.ID != 1 || !w.on || !n.on || !s.open {
		t.Fatal("misc")
	}
	if c, u, pr := use(); c.n != 1 || !u.a || !pr.ok {
		t.Fatal("use")
	}
	if !newGenerated().a {
		t.Fatal("generated")
	}
}
