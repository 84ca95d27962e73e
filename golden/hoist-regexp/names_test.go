package hoistregexp

import "testing"

func TestNames(t *testing.T) {
	if c, ok := parseThemeColor("bold, #A0B1C2"); !ok || c != "#a0b1c2" {
		t.Errorf("parseThemeColor = %q, %v", c, ok)
	}
	if _, ok := parseThemeColor("red"); ok {
		t.Errorf("parseThemeColor(red) matched")
	}
	if !validReleaseName("my-app-1") || validReleaseName("My_App") {
		t.Errorf("validReleaseName")
	}
	if h, ok := caddyPlaceholder("{header.X-Id}"); !ok || h != "X-Id" {
		t.Errorf("caddyPlaceholder = %q, %v", h, ok)
	}
	if _, ok := caddyPlaceholder("{re.a.b}"); !ok {
		t.Errorf("caddyPlaceholder({re.a.b}) did not match")
	}
	if _, ok := caddyPlaceholder("{x}"); ok {
		t.Errorf("caddyPlaceholder({x}) matched")
	}
	for s, want := range map[string]bool{"{1,2}": true, "{n}": true, "+{3}": true, "+{n}-2/3": true, "{x}": false} {
		if got := fzfField(s); got != want {
			t.Errorf("fzfField(%q) = %v", s, got)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Errorf("tooManyRepeats did not panic")
			}
		}()
		tooManyRepeats("a")
	}()
	if notNameRE != "taken" {
		t.Errorf("notNameRE changed")
	}
}

func BenchmarkFixed_ParseThemeColor(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString, sinkBool = parseThemeColor("bold, #A0B1C2")
	}
}

func BenchmarkFixed_ValidReleaseName(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = validReleaseName("my-app")
	}
}

func BenchmarkFixed_CaddyPlaceholder(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString, sinkBool = caddyPlaceholder("{re.a}")
	}
}

func BenchmarkFixed_FzfField(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = fzfField("+{n}")
	}
}
