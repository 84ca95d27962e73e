package deferinloop

import (
	"reflect"
	"testing"
)

// setup replaces fsys with the given files (name → data).
func setup(t testing.TB, files map[string]string) {
	t.Helper()
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	fsys.files = map[string]*File{}
	for name, data := range files {
		fsys.files[name] = &File{name: name, data: data}
	}
	fsys.Events = nil
}

// names returns the names of the events with operation op, in order.
func names(op string) []string {
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	var out []string
	for _, e := range fsys.Events {
		if e.Op == op {
			out = append(out, e.Name)
		}
	}
	return out
}

func eqStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s = %q, want %q", what, got, want)
	}
}

func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

// balanced checks that every file opened was closed exactly once per open
// and that nothing was read after it was closed.
func balanced(t *testing.T) {
	t.Helper()
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	for name, f := range fsys.files {
		if f.opens != f.closes {
			t.Errorf("%s: opened %d times, closed %d times", name, f.opens, f.closes)
		}
	}
	for _, e := range fsys.Events {
		if e.Op == "read-closed" {
			t.Errorf("%s read after close", e.Name)
		}
	}
}

// opened checks the files opened, in order, and that all were closed.
func opened(t *testing.T, want ...string) {
	t.Helper()
	eqStrings(t, "opened", names("open"), want)
	balanced(t)
}

func processed(t *testing.T, want ...string) {
	t.Helper()
	eqStrings(t, "processed", names("process"), want)
}
