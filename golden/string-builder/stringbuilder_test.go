package stringbuilder

import (
	"bytes"
	"testing"
)

func check(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func TestCSVRow(t *testing.T) {
	check(t, "csvRow(nil)", csvRow(nil), "")
	check(t, "csvRow(empty)", csvRow([]string{}), "")
	check(t, "csvRow(one)", csvRow([]string{"a"}), "a")
	check(t, "csvRow(three)", csvRow([]string{"a", "", "c"}), "a,,c")
	check(t, "csvRow(unicode)", csvRow([]string{"é", "日本"}), "é,日本")
}

func TestKVPairs(t *testing.T) {
	check(t, "kvPairs(nil)", kvPairs(nil, nil), "")
	check(t, "kvPairs", kvPairs([]string{"a", "b", ""}, []string{"1", "", "3"}), "a=1;b=;=3;")
}

func TestTagList(t *testing.T) {
	check(t, "tagList(nil)", tagList(nil), "")
	check(t, "tagList", tagList([]string{"b", "", "i"}), "<b><><i>")
}

func TestStripSpaces(t *testing.T) {
	check(t, "stripSpaces(empty)", stripSpaces(""), "")
	check(t, "stripSpaces(spaces)", stripSpaces("   "), "")
	check(t, "stripSpaces", stripSpaces(" a b\tc é "), "ab\tcé")
	check(t, "stripSpaces(invalid)", stripSpaces("x \xff\xfey"), "x\uFFFD\uFFFDy")
}

func TestRepeatRune(t *testing.T) {
	check(t, "repeatRune(n=0)", repeatRune('x', 0), "")
	check(t, "repeatRune", repeatRune('é', 3), "ééé")
	check(t, "repeatRune(emoji)", repeatRune('🙂', 2), "🙂🙂")
	check(t, "repeatRune(-1)", repeatRune(-1, 2), "\uFFFD\uFFFD")
	check(t, "repeatRune(surrogate)", repeatRune(0xD800, 1), "\uFFFD")
}

func TestLatin1(t *testing.T) {
	check(t, "latin1(nil)", latin1(nil), "")
	check(t, "latin1(ascii)", latin1([]byte("cafe")), "cafe")
	check(t, "latin1(high)", latin1([]byte{'c', 'a', 'f', 0xE9}), "café")
	check(t, "latin1(0xFF,0x00)", latin1([]byte{0xFF, 0x00}), "ÿ\x00")
	if got := latin1([]byte{0xE9}); len(got) != 2 {
		t.Errorf("len(latin1({0xE9})) = %d, want 2", len(got))
	}
}

func TestJoinByte(t *testing.T) {
	check(t, "joinByte(nil)", joinByte(nil, ','), "")
	check(t, "joinByte(ascii)", joinByte([]string{"a", "b"}, ','), "a,b")
	check(t, "joinByte(0xB7)", joinByte([]string{"a", "b", "c"}, 0xB7), "a·b·c")
}

func TestPriceList(t *testing.T) {
	check(t, "priceList(nil)", priceList(nil, nil), "")
	check(t, "priceList", priceList([]string{"tea", "free", "refund"}, []float64{2.5, 0, -1.005}), "tea=2.50;free=0.00;refund=-1.00;")
}

func TestListLiteral(t *testing.T) {
	check(t, "listLiteral(nil)", listLiteral(nil), "[]")
	check(t, "listLiteral(one)", listLiteral([]string{"a"}), "[a]")
	check(t, "listLiteral", listLiteral([]string{"a", "", "c"}), "[a, , c]")
}

func TestQualified(t *testing.T) {
	check(t, "qualified(empty)", qualified("", nil), ":")
	check(t, "qualified", qualified("pkg", []string{"a", "b"}), "pkg:a.b.")
}

func TestRenderLogged(t *testing.T) {
	var buf bytes.Buffer
	s, n := renderLogged(&buf, nil)
	check(t, "renderLogged(nil)", s, "")
	if n != 0 || buf.Len() != 0 {
		t.Errorf("renderLogged(nil): n=%d, logged %q", n, buf.String())
	}
	buf.Reset()
	s, n = renderLogged(&buf, []string{"ab", "é", "c"})
	check(t, "renderLogged", s, "abéc")
	check(t, "renderLogged log", buf.String(), "abéc")
	if n != 5 {
		t.Errorf("renderLogged n = %d, want 5 (bytes)", n)
	}
}

func TestHeadTail(t *testing.T) {
	check(t, "headTail(nil)", headTail(nil, nil), "")
	check(t, "headTail(head only)", headTail([]string{"a", "b"}, nil), "ab")
	check(t, "headTail(tail only)", headTail(nil, []string{"y", "z"}), "yz")
	check(t, "headTail", headTail([]string{"a", "b"}, []string{"y", "z"}), "abyz")
}

func TestTable(t *testing.T) {
	check(t, "table(nil)", table(nil), "")
	check(t, "table(empty row)", table([][]string{{}}), "\n")
	check(t, "table", table([][]string{{"a", "b"}, {}, {"c"}}), "a|b|\n\nc|\n")
}

func TestRunningPrefixes(t *testing.T) {
	check(t, "runningPrefixes(nil)", runningPrefixes(nil), "")
	check(t, "runningPrefixes", runningPrefixes([]string{"a", "b", "c"}), "a ab abc ")
}

func TestShout(t *testing.T) {
	check(t, "shout(nil)", shout(nil), "")
	check(t, "shout", shout([]string{"hi", "", "ça"}), "HI!!ÇA!")
}

func TestIndentLines(t *testing.T) {
	check(t, "indentLines(nil)", indentLines(nil, 2), "")
	check(t, "indentLines", indentLines([]string{"a", ""}, 2), "\t\ta\n\t\t\n")
	check(t, "indentLines(depth 0)", indentLines([]string{"x"}, 0), "x\n")
}

func TestJoinAll(t *testing.T) {
	check(t, "joinAll(nil)", joinAll(nil), "")
	check(t, "joinAll", joinAll([]string{"a", "b"}), "ab")
}

func TestGeneratedRow(t *testing.T) {
	check(t, "generatedRow(nil)", generatedRow(nil), "")
	check(t, "generatedRow", generatedRow([]string{"a", "b"}), "a;b")
}

func TestKept(t *testing.T) {
	check(t, "greeting", greeting("Ann"), "Hello, Ann!")
	check(t, "greeting(empty)", greeting(""), "Hello, !")
	if got := totalWidth([]int{3, -1, 40}); got != 42 {
		t.Errorf("totalWidth = %d, want 42", got)
	}
	if got := totalWidth(nil); got != 0 {
		t.Errorf("totalWidth(nil) = %d, want 0", got)
	}
	check(t, "afterFirst(nil)", afterFirst(nil), "")
	check(t, "afterFirst", afterFirst([]string{"a", "b", "c"}), "a,b,c")
	if got := joinPath(nil); got != "" {
		t.Errorf("joinPath(nil) = %q", got)
	}
	if got := joinPath([]string{"usr", "bin"}); got != Path("/usr/bin") {
		t.Errorf("joinPath = %q", got)
	}
	check(t, "truncateJoin", truncateJoin([]string{"ab", "cd", "ef"}, 5), "abcd")
	check(t, "truncateJoin(0)", truncateJoin([]string{"ab"}, 0), "")
	check(t, "squeezeRepeats", squeezeRepeats([]string{"a", "a", "b", "a", "b"}), "abab")
	check(t, "squeezeRepeats(nil)", squeezeRepeats(nil), "")
	check(t, "slashJoin", slashJoin([]string{"usr/", "bin", "go"}), "usr/bin/go")
	check(t, "slashJoin(nil)", slashJoin(nil), "")
	check(t, "libraryName(dom)", libraryName("lib.dom.d.ts"), "@typescript/lib-dom")
	check(t, "libraryName(iterable)", libraryName("lib.dom.iterable.d.ts"), "@typescript/lib-dom/iterable")
	check(t, "libraryName(wellknown)", libraryName("lib.es2015.symbol.wellknown.d.ts"), "@typescript/lib-es2015/symbol-wellknown")
	check(t, "libraryName(plain)", libraryName("lib"), "@typescript/lib-")
	check(t, "doubling", doubling("ab", 3), "abababababababab")
	check(t, "doubling(0)", doubling("ab", 0), "ab")
	check(t, "dottedViaPointer", dottedViaPointer([]string{"a", "", "b"}), "ab.")
	check(t, "dottedViaPointer(nil)", dottedViaPointer(nil), ".")
	check(t, "closureJoin", closureJoin([]string{"a", "b"}), "a;b;")
	check(t, "closureJoin(nil)", closureJoin(nil), "")
	traceLog = ""
	traceAll([]string{"start", "stop"})
	traceAll(nil)
	check(t, "traceLog", traceLog, "start\nstop\n")
	traceLog = ""
	check(t, "appendSuffixes", appendSuffixes("x", []string{"-a", "-b"}), "x-a-b")
	check(t, "appendSuffixes(nil)", appendSuffixes("", nil), "")
	check(t, "joinNamed", joinNamed([]string{"a", "b"}), "ab")
	check(t, "joinNamed(nil)", joinNamed(nil), "")
}

func TestFormatsError(t *testing.T) {
	err := FormatsError("x", []string{"a", "b"})
	if err == nil || err.Error() != "invalid time format \"x\" must be one of: `a`, `b`" {
		t.Errorf("got %v", err)
	}
}
