package sprintfstrconv

import (
	"bufio"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestRecall(t *testing.T) {
	check(t, "trimmedKey", trimmedKey("/registry/pods/a"), "key=pods/a")
	check(t, "trimmedKey(no prefix)", trimmedKey("x%d"), "key=x%d")
	check(t, "rule", rule("T", 3), "T\n---")
	check(t, "rule(0)", rule("", 0), "\n")
	check(t, "failure", failure("open", errors.New("no such file")), "open failed: no such file")
	check(t, "firstLine", firstLine(bufio.NewScanner(strings.NewReader("a b\nc"))), "line: a b")
	check(t, "firstLine(empty)", firstLine(bufio.NewScanner(strings.NewReader(""))), "line: ")
	check(t, "memberKey", memberKey("m", 0xbeef), "m/000000000000beef")
	check(t, "memberLine", memberLine(&Member{name: "n1", peer: "10.0.0.1:2380"}), "n1 <10.0.0.1:2380>")
	check(t, "memberLine(zero)", memberLine(&Member{}), " <>")
	check(t, "labelOf", labelOf(map[string]string{"app": "web"}), "app=web")
	check(t, "labelOf(missing)", labelOf(map[string]string{}), "app=")
	check(t, "rotatePath", rotatePath("a b"), "rotate:/%2Fa b")
	check(t, "countText", countText(-42), "-42")
	check(t, "countText(min)", countText(math.MinInt), "-9223372036854775808")
	check(t, "nameText", nameText("é\xff"), "é\xff")
	check(t, "ratioText", ratioText(0.5), "0.5")
	check(t, "bytesText", bytesText([]byte("ab")), "[97 98]")
	check(t, "levelText", levelText("warn"), "WARN")
	check(t, "memberLevel", memberLevel(&Member{level: "info"}), "[INFO]")
	m := &Member{name: "before"}
	check(t, "orderMatters", orderMatters(m, renamer{m: m}), "renamed renamed")
	check(t, "shadowedStrings", shadowedStrings(2), "LEVEL(xx)")
	check(t, "unknownResult", unknownResult(func() string { return "v" }), "f=v")
}

func TestRecallPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("labelOf(non-map) did not panic")
		}
	}()
	labelOf("not a map")
}

func TestRecallLayout(t *testing.T) {
	check(t, "heading", heading("Flags", 1), "### Flags")
	check(t, "heading(0)", heading("", 0), "## ")
	check(t, "nested", nested(1), "  |")
}
