package sentinelerror

import "testing"

func TestValidateOptions(t *testing.T) {
	ok := Options{HistoryMax: 1, TabStop: 8, Ranges: []string{"a"}, LocalAddress: "x"}
	cases := []struct {
		o     Options
		sinks int
		want  string
	}{
		{Options{}, 0, "history max must be a positive integer"},
		{Options{HistoryMax: 1}, 0, "tab stop must be a positive integer"},
		{Options{HistoryMax: 1, TabStop: 8}, 0, "at least one range must be specified"},
		{ok, 9, "can't register a sink"},
		{Options{HistoryMax: 1, TabStop: 8, Ranges: []string{"a"}, LocalAddress: 1}, 0, "local address must be a string"},
		{Options{HistoryMax: 1, TabStop: 8, Ranges: []string{"a"}, LocalAddress: 1.5}, 0, "local address must be a string or a number"},
	}
	for _, c := range cases {
		if err := validateOptions(c.o, c.sinks); err == nil || err.Error() != c.want {
			t.Errorf("validateOptions(%+v) = %v, want %q", c.o, err, c.want)
		}
	}
	if err := validateOptions(ok, 0); err != nil {
		t.Errorf("ok = %v", err)
	}
}

func BenchmarkFixed_ValidateOptions(b *testing.B) {
	o := Options{HistoryMax: 1, TabStop: 8, Ranges: []string{"a"}, LocalAddress: 1.5}
	for i := 0; i < b.N; i++ {
		layoutSink = validateOptions(o, 0)
	}
}

func TestFindRoute(t *testing.T) {
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/a", "route not found by method and path"},
		{"GET", "", "route not found by method"},
		{"", "/a", "route not found by path"},
	} {
		if err := findRoute(c.method, c.path); err == nil || err.Error() != c.want {
			t.Errorf("findRoute(%q, %q) = %v, want %q", c.method, c.path, err, c.want)
		}
	}
}

func BenchmarkFixed_FindRoute(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkErr = findRoute("GET", "/a")
	}
}
