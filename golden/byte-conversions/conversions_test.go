package byteconversions

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// failWriter fails every write after limit bytes.
type failWriter struct{ limit, n int }

var errFull = errors.New("full")

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n+len(p) > f.limit {
		return 0, errFull
	}
	f.n += len(p)
	return len(p), nil
}

func TestBufioWriters(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	if err := writeLine(w, "hello"); err != nil {
		t.Fatal(err)
	}
	n, err := writeCounted(w, "héllo")
	if n != 6 || err != nil {
		t.Fatalf("writeCounted = %d, %v", n, err)
	}
	writeStatement(w, "!")
	if err := writeDiscarded(w, "?"); err != nil {
		t.Fatal(err)
	}
	n, err = writeAssigned(w, "")
	if n != 0 || err != nil {
		t.Fatalf("writeAssigned = %d, %v", n, err)
	}
	w.Flush()
	if got := out.String(); got != "hello\nhéllo!?" {
		t.Fatalf("wrote %q", got)
	}
	// The error of the underlying writer surfaces as before.
	small := bufio.NewWriterSize(&failWriter{limit: 3}, 16)
	long := strings.Repeat("x", 40)
	if err := writeLine(small, long); !errors.Is(err, errFull) {
		t.Fatalf("writeLine error = %v", err)
	}
	if err := writeDiscarded(bufio.NewWriterSize(&failWriter{limit: 3}, 16), long); !errors.Is(err, errFull) {
		t.Fatalf("writeDiscarded error = %v", err)
	}
	// The count differs between Write (0) and WriteString (16) here: only the
	// error is pinned, and writeCounted's fix is unsafe.
	if _, err := writeCounted(bufio.NewWriterSize(&failWriter{limit: 3}, 16), long); !errors.Is(err, errFull) {
		t.Fatalf("writeCounted error = %v", err)
	}
}

func TestFileAndOwnWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFile(f, "file text"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if b, _ := os.ReadFile(path); string(b) != "file text" {
		t.Fatalf("file holds %q", b)
	}
	if err := writeFile(f, "x"); err == nil {
		t.Fatal("write to a closed file succeeded")
	}
	var out bytes.Buffer
	l := &lineWriter{w: bufio.NewWriter(&out)}
	if err := writeOwn(l, "a\nb\n"); err != nil {
		t.Fatal(err)
	}
	l.w.Flush()
	if l.lines != 2 || out.String() != "a\nb\n" {
		t.Fatalf("lineWriter: %d lines, %q", l.lines, out.String())
	}
}

func TestTidyAndDynamicWriters(t *testing.T) {
	var buf bytes.Buffer
	writeBuffer(&buf, "ab")
	writeBuffer(&buf, "c")
	if buf.String() != "abc" {
		t.Fatalf("buffer holds %q", buf.String())
	}
	if got := writeBuilder("built"); got != "built" {
		t.Fatalf("writeBuilder = %q", got)
	}
	buf.Reset()
	if err := writeAny(&buf, "any"); err != nil || buf.String() != "any" {
		t.Fatalf("writeAny: %v, %q", err, buf.String())
	}
	if err := writeAny(&failWriter{limit: 1}, "any"); !errors.Is(err, errFull) {
		t.Fatalf("writeAny error = %v", err)
	}
	if err := writeAnyJoined(&buf, "x", "y"); err != nil || buf.String() != "anyxy" {
		t.Fatalf("writeAnyJoined: %v, %q", err, buf.String())
	}
	buf.Reset()
	writeShadowed(&buf, "sh")
	if buf.String() != "sh" {
		t.Fatalf("writeShadowed wrote %q", buf.String())
	}
}

func TestRegexp(t *testing.T) {
	cases := []string{"", "abbc", "xyz", "bcbbb", "héllo bb"}
	for _, s := range cases {
		if got, want := firstMatchText(s), wordRE.FindString(s); got != want {
			t.Errorf("firstMatchText(%q) = %q, want %q", s, got, want)
		}
		if got, want := matches(s), wordRE.MatchString(s); got != want {
			t.Errorf("matches(%q) = %v", s, got)
		}
		if got, want := firstIndex(s), wordRE.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("firstIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := submatchIndex(s), wordRE.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("submatchIndex(%q) = %v, want %v", s, got, want)
		}
		for _, n := range []int{-1, 0, 1} {
			if got, want := allIndexes(s, n), wordRE.FindAllStringIndex(s, n); !reflect.DeepEqual(got, want) {
				t.Errorf("allIndexes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
	// nil results stay nil.
	if firstIndex("xyz") != nil || allIndexes("xyz", -1) != nil {
		t.Error("no match must give nil")
	}
	if ok, err := matchPattern(`^a+$`, "aaa"); !ok || err != nil {
		t.Errorf("matchPattern = %v, %v", ok, err)
	}
	if _, err := matchPattern(`(`, "aaa"); err == nil {
		t.Error("a bad pattern must fail")
	}
	if got := firstMatch("abbc"); string(got) != "bbc" {
		t.Errorf("firstMatch = %q", got)
	}
}

func TestStringsTwins(t *testing.T) {
	if !hasToken([]byte("a token here")) || hasToken([]byte("tok")) || hasToken(nil) {
		t.Error("hasToken")
	}
	if !isComment([]byte("# x")) || isComment([]byte("#x")) {
		t.Error("isComment")
	}
	if fieldCount([]byte("a,b,,c")) != 3 || fieldCount(nil) != 0 {
		t.Error("fieldCount")
	}
	if !sameName([]byte("Straße"), []byte("STRASSE")) == strings.EqualFold("Straße", "STRASSE") {
		t.Error("sameName disagrees with strings.EqualFold")
	}
	if !sameName([]byte("Go"), []byte("GO")) || sameName([]byte("a"), nil) {
		t.Error("sameName")
	}
	if firstSpace([]byte("ab c")) != 2 || firstSpace([]byte("abc")) != -1 {
		t.Error("firstSpace")
	}
	if !hasAny([]byte("héllo"), "é") || hasAny([]byte("abc"), "") {
		t.Error("hasAny")
	}
	if !hasVar([]byte("abc"), "bc") || trimmed([]byte(" a ")) != "a" || !alreadyBytes([]byte("xy")) {
		t.Error("kept functions")
	}
}

func TestKept(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	if err := writeMasked(w, "abC"); err != nil {
		t.Fatal(err)
	}
	writeLevel(w, Level("-info"))
	writeBytes(w, []byte("-raw"))
	generatedWrite(w, "-gen")
	w.Flush()
	if out.String() != "ABC-info-raw-gen" {
		t.Fatalf("wrote %q", out.String())
	}
	sum := writeHash(sha256.New(), "abc")
	if hex.EncodeToString(sum) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("sha256 = %x", sum)
	}
	zw := gzip.NewWriter(&out)
	if err := writeGzip(zw, "zip"); err != nil {
		t.Fatal(err)
	}
	c := &clock{}
	tick(c, "four")
	if c.ticks != 4 {
		t.Fatalf("ticks = %d", c.ticks)
	}
}

func TestImportsAndShadows(t *testing.T) {
	if !isGoFile([]byte("main.go")) || isGoFile([]byte("go.mod")) {
		t.Error("isGoFile")
	}
	if countShadowed([]byte("a,b")) != 1 {
		t.Error("countShadowed")
	}
	m := matcher{re: wordRE}
	if !matchOwn(m, "abbc") || matchOwn(m, "xyz") {
		t.Error("matchOwn")
	}
	if lastDot([]byte("a.b")) != 2 {
		t.Error("lastDot")
	}
}

func TestResponse(t *testing.T) {
	rec := httptest.NewRecorder()
	writeResponse(rec, "body text")
	if rec.Body.String() != "body text" || rec.Header().Get("Content-Type") != "text/plain" || rec.Code != 200 {
		t.Fatalf("response %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	}
}
