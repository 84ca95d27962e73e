package sprintfstrconv

import (
	"errors"
	"math"
	"testing"
)

func check(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func TestFormatPrefix(t *testing.T) {
	check(t, "formatPrefix", formatPrefix("INFO", 1700000000), "[INFO] 1700000000 ")
	check(t, "formatPrefix(zero)", formatPrefix("", 0), "[] 0 ")
	check(t, "formatPrefix(neg)", formatPrefix("é", -1), "[é] -1 ")
	check(t, "formatPrefix(min)", formatPrefix("x", math.MinInt64), "[x] -9223372036854775808 ")
	check(t, "formatPrefix(max)", formatPrefix("x", math.MaxInt64), "[x] 9223372036854775807 ")
}

func TestSumDigits(t *testing.T) {
	if got := sumDigits(nil); got != 0 {
		t.Errorf("sumDigits(nil) = %d, want 0", got)
	}
	if got := sumDigits([]int{0, -5, 12345, math.MaxInt64, math.MinInt64}); got != 1+2+5+19+20 {
		t.Errorf("sumDigits = %d, want %d", got, 1+2+5+19+20)
	}
}

func TestIntegerKinds(t *testing.T) {
	check(t, "kibCount(0)", kibCount(0), "0")
	check(t, "kibCount(1023)", kibCount(1023), "0")
	check(t, "kibCount(-2048)", kibCount(-2048), "-2")
	check(t, "kibCount(min)", kibCount(math.MinInt64), "-9007199254740992")
	check(t, "coord(0)", coord("", 0), "=0")
	check(t, "coord(min)", coord("x", math.MinInt32), "x=-2147483648")
	check(t, "coord(max)", coord("y", math.MaxInt32), "y=2147483647")
	check(t, "smallDelta(0)", smallDelta(0), "0")
	check(t, "smallDelta(min)", smallDelta(math.MinInt8), "-128")
	check(t, "smallDelta(max)", smallDelta(math.MaxInt8), "127")
	check(t, "portText(0)", portText(0), "0")
	check(t, "portText(max)", portText(math.MaxUint16), "65535")
	check(t, "sizeText(0)", sizeText(0), "0")
	check(t, "sizeText(max)", sizeText(math.MaxUint64), "18446744073709551615")
}

func TestRetryLabel(t *testing.T) {
	check(t, "retryLabel(empty)", retryLabel(""), "retry  x5")
	check(t, "retryLabel", retryLabel("GET %d"), "retry GET %d x5")
}

func TestCountLine(t *testing.T) {
	check(t, "countLine(nil)", countLine("", nil), ": 0")
	check(t, "countLine", countLine("rows", []string{"a", "b"}), "rows: 2")
}

func TestStrings(t *testing.T) {
	check(t, "asIs(empty)", asIs(""), "")
	check(t, "asIs", asIs("a\x00é\xff%d"), "a\x00é\xff%d")
	check(t, "userKey(empty)", userKey(""), "user:")
	check(t, "userKey", userKey("42%s"), "user:42%s")
	check(t, "bodyText(nil)", bodyText(nil), "body=")
	check(t, "bodyText(empty)", bodyText([]byte{}), "body=")
	check(t, "bodyText", bodyText([]byte("é\xff\x00")), "body=é\xff\x00")
	check(t, "flagText(false)", flagText("", false), "=false")
	check(t, "flagText(true)", flagText("debug", true), "debug=true")
	check(t, "tsvLine", tsvLine("", -7), "\t-7\n")
	check(t, "tsvLine(name)", tsvLine("a b", 1234567), "a b\t1234567\n")
}

func TestDigestHex(t *testing.T) {
	check(t, "digestHex(nil)", digestHex(nil), "")
	check(t, "digestHex(empty)", digestHex([]byte{}), "")
	check(t, "digestHex", digestHex([]byte{0x00, 0x0f, 0xab, 0xff}), "000fabff")
}

func TestNotFound(t *testing.T) {
	check(t, "notFound(empty)", notFound("", ""), `: key "" not found`)
	check(t, "notFound(quotes)", notFound("t", `a"b\c`), `t: key "a\"b\\c" not found`)
	check(t, "notFound(unicode)", notFound("t", "é\n\t日"), `t: key "é\n\t日" not found`)
	check(t, "notFound(invalid)", notFound("t", "\xff"), `t: key "\xff" not found`)
	check(t, "notFound(zwsp)", notFound("t", "\u200b"), `t: key "\u200b" not found`)
}

func TestShortPath(t *testing.T) {
	check(t, "shortPath", shortPath("usr", "bin", 5), "usr/b")
	check(t, "shortPath(full)", shortPath("usr", "bin", 7), "usr/bin")
	check(t, "shortPath(empty)", shortPath("", "", 1), "/")
	check(t, "shortPath(0)", shortPath("a", "b", 0), "")
}

func TestIDLabelAndNumText(t *testing.T) {
	check(t, "idLabel(0)", idLabel(0), "id-0")
	check(t, "idLabel(min)", idLabel(math.MinInt64), "id--9223372036854775808")
	check(t, "idLabel(200)", idLabel(200), "id-200")
	check(t, "hostPort", hostPort("example.com", 8443), "example.com:8443")
	check(t, "hostPort(empty)", hostPort("", 0), ":0")
	check(t, "hostPort(neg)", hostPort("h", -1), "h:-1")
	check(t, "numText(0)", numText(0), "0")
	check(t, "numText(-42)", numText(-42), "-42")
	check(t, "numText(max)", numText(math.MaxInt64), "9223372036854775807")
	if n, err := parsePort("8080"); n != 8080 || err != nil {
		t.Errorf("parsePort = %d, %v", n, err)
	}
}

func TestKept(t *testing.T) {
	check(t, "ratio", ratio(0.125), "12.5%")
	boom := errors.New("boom")
	err := wrapErr(3, boom)
	check(t, "wrapErr", err.Error(), "item 3: boom")
	if !errors.Is(err, boom) {
		t.Error("wrapErr does not wrap")
	}
	check(t, "percent", percent(50), "50%")
	check(t, "padded", padded(42), "   42")
	check(t, "padded(neg)", padded(-123456), "-123456")
	check(t, "signed", signed("a", 3), "a+3")
	check(t, "signed(zero)", signed("", 0), "+0")
	check(t, "zeroPadHex", zeroPadHex([]byte{0x01}), "00000001")
	check(t, "zeroPadHex(nil)", zeroPadHex(nil), "00000000")
	check(t, "verbV", verbV(7), "n=7")
	check(t, "argIndex", argIndex(3), "3-3")
	check(t, "spreadArgs", spreadArgs([]any{1, 2}), "1-2")
	check(t, "spreadArgs(short)", spreadArgs([]any{1}), "1-%!d(MISSING)")
	check(t, "levelTag(info)", levelTag("info"), "[INFO]")
	check(t, "levelTag(other)", levelTag("x"), "[LEVEL(x)]")
	check(t, "countOf", countOf(item{Count: -9}), "-9")
	check(t, "nonConstFormat", nonConstFormat("%03d", 7), "007")
	check(t, "errorf", errorf(3).Error(), "bad value 3")
	check(t, "charLit", charLit('x'), "'x'")
	check(t, "charLit(é)", charLit('é'), "'é'")
	check(t, "shadowedFmt", shadowedFmt(5), "> 5")
	check(t, "shadowedStrconv", shadowedStrconv(12), "base10:12")
	check(t, "generatedKey", generatedKey(-1), "key--1")
}

func TestReadable(t *testing.T) {
	if got := paneCommand("a;", "sh", "t", "c"); got != "a;sh t; echo $? > c" {
		t.Fatalf("paneCommand = %q", got)
	}
	if got := script("p", "c"); got != "id=$(p) || exit 1\nrm -f c" {
		t.Fatalf("script = %q", got)
	}
	if got := labelOption("o", "l"); got != "tmux set-option -p o l 2> /dev/null; " {
		t.Fatalf("labelOption = %q", got)
	}
	if got := manRef("gh-pr"); got != "gh-pr(1)" {
		t.Fatalf("manRef = %q", got)
	}
	if got := schemeHostPort("http", "h", "80"); got != "http://h:80" {
		t.Fatalf("schemeHostPort = %q", got)
	}
}
