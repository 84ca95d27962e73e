package prealloc

import (
	"reflect"
	"sort"
	"testing"
)

func TestRecall(t *testing.T) {
	if got := SortedMembers(nil); got != nil {
		t.Errorf("SortedMembers(nil) = %#v, want nil", got)
	}
	ms := SortedMembers(map[uint64]*Member{3: {ID: 3}, 1: {ID: 1}})
	if len(ms) != 2 || ms[0].ID != 1 || ms[1].ID != 3 {
		t.Errorf("SortedMembers = %v", ms)
	}
	if got := MemberList(nil); got == nil || len(got) != 0 {
		t.Errorf("MemberList(nil) = %#v, want empty non-nil", got)
	}
	if got := MemberList([]*Member{{ID: 7}}); len(got) != 1 || got[0].ID != 7 {
		t.Errorf("MemberList = %v", got)
	}
	if got := JoinErrors(nil, nil); len(got) != 1 || got[0] != nil {
		t.Errorf("JoinErrors(nil, nil) = %#v", got)
	}
	if got := JoinErrors(errCheck, []error{nil, errCheck}); !reflect.DeepEqual(got, []error{errCheck, nil, errCheck}) {
		t.Errorf("JoinErrors = %#v", got)
	}
	f := Framed("t", "s")
	if len(f) != 102 || f[0] != "t" || f[1] != "s" || f[101] != "99" {
		t.Errorf("Framed = %d lines", len(f))
	}
	if got := ConcatMarked(nil, nil); got != nil {
		t.Errorf("ConcatMarked(nil, nil) = %#v, want nil", got)
	}
	if got := ConcatMarked(nil, []string{"b"}); !reflect.DeepEqual(got, []string{"b!"}) {
		t.Errorf("ConcatMarked(nil, b) = %#v", got)
	}
	if got := ConcatMarked([]string{"a"}, []string{"b", "c"}); !reflect.DeepEqual(got, []string{"a", "b!", "c!"}) {
		t.Errorf("ConcatMarked = %#v", got)
	}
	if got := KeysAndValues([]string{"x", "y"}, map[string]string{"x": "1"}); !reflect.DeepEqual(got, []string{"kv", "x", "y", "1", ""}) {
		t.Errorf("KeysAndValues = %#v", got)
	}
	if got := FilteredSecond(nil, []string{""}); got != nil {
		t.Errorf("FilteredSecond = %#v, want nil", got)
	}
	if got := FilteredSecond([]string{"a"}, []string{"", "b"}); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("FilteredSecond = %#v", got)
	}
	if got := CheckAll(1, []error{nil}); !reflect.DeepEqual(got, []error{errCheck, nil}) {
		t.Errorf("CheckAll = %#v", got)
	}
	if got := Path([]Point{{1, 2}}); !reflect.DeepEqual(got, []Point{{0, 0}, {1, 2}}) {
		t.Errorf("Path = %#v", got)
	}
	if got := Countdown2(-3); !reflect.DeepEqual(got, []int{-1}) {
		t.Errorf("Countdown2(-3) = %#v", got)
	}
	if got := Sorted([]string{"b", "a"}); !reflect.DeepEqual(got, sort.StringSlice{"a", "b"}) {
		t.Errorf("Sorted = %#v", got)
	}
	if got := Listed(nil); got != nil {
		t.Errorf("Listed(nil) = %#v, want nil", got)
	}
}
