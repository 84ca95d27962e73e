package jsonencoder

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

var msgs = []Msg{{1, "a"}, {2, "<b&c>"}, {3, ""}}

// want is Marshal's output of msgs, HTML escaped, one per line.
const want = `{"id":1,"name":"a"}
{"id":2,"name":"\u003cb\u0026c\u003e"}
{"id":3,"name":""}
`

// failing fails every write with errBroken.
type failing struct{ calls int }

var errBroken = errors.New("broken pipe")

func (f *failing) Write(p []byte) (int, error) {
	f.calls++
	return 0, errBroken
}

// recorder keeps every Write call apart.
type recorder struct{ writes []string }

func (r *recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, string(p))
	return len(p), nil
}

func TestWriteAll(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	if err := writeAll(w, msgs); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Fatalf("got %q", out.String())
	}
	err := writeAll(bufio.NewWriterSize(&failing{}, 16), msgs)
	if !errors.Is(err, errBroken) || err.Error() != "broken pipe" {
		t.Fatalf("err = %v", err)
	}
}

func TestWrapped(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	ptrs := []*Msg{&msgs[0], &msgs[1], &msgs[2]}
	if err := wrapped(w, ptrs); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if out.String() != want {
		t.Fatalf("got %q", out.String())
	}
	err := wrapped(bufio.NewWriterSize(&failing{}, 16), ptrs)
	if err == nil || err.Error() != "message 0: broken pipe" {
		t.Fatalf("err = %v", err)
	}
}

func TestToBuffer(t *testing.T) {
	var buf bytes.Buffer
	if err := toBuffer(&buf, msgs); err != nil || buf.String() != want {
		t.Fatalf("%q %v", buf.String(), err)
	}
}

func TestToLocalBuilder(t *testing.T) {
	s, err := toLocalBuilder(msgs)
	if err != nil || s != want {
		t.Fatalf("%q %v", s, err)
	}
}

func TestAppended(t *testing.T) {
	var r recorder
	if err := appended(&r, msgs); err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.writes, "") != want || len(r.writes) != 3 {
		t.Fatalf("writes %q", r.writes)
	}
	f := &failing{}
	if err := appended(f, msgs); err != errBroken || f.calls != 1 {
		t.Fatalf("err = %v after %d calls", err, f.calls)
	}
}

func TestToStdout(t *testing.T) {
	tmp, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = tmp
	toStdout([]any{1, "x<", make(chan int), 2})
	os.Stdout = saved
	tmp.Close()
	got, _ := os.ReadFile(tmp.Name())
	if string(got) != "1\n\"x\\u003c\"\n" {
		t.Fatalf("got %q", got)
	}
}

func TestSkipBad(t *testing.T) {
	var buf bytes.Buffer
	n := skipBad(&buf, []any{1, make(chan int), "s", func() {}, nil})
	if n != 3 || buf.String() != "1\n\"s\"\nnull\n" {
		t.Fatalf("%d %q", n, buf.String())
	}
}

func TestToWriter(t *testing.T) {
	var r recorder
	if err := toWriter(&r, msgs); err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.writes, "") != want {
		t.Fatalf("writes %q", r.writes)
	}
	f := &failing{}
	if err := toWriter(f, msgs); err != errBroken || f.calls != 1 {
		t.Fatalf("err = %v after %d calls", err, f.calls)
	}
}

func TestSink(t *testing.T) {
	var out bytes.Buffer
	s := &sink{out: bufio.NewWriter(&out)}
	if err := s.emit(msgs); err != nil {
		t.Fatal(err)
	}
	if err := s.emitPlain(msgs[:1]); err != nil {
		t.Fatal(err)
	}
	s.out.Flush()
	if out.String() != want+"{\"id\":1,\"name\":\"a\"}\n" || s.n != 3 {
		t.Fatalf("%q %d", out.String(), s.n)
	}
}

func TestMarshalErrorsWriteNothing(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	err := writeAll(w, nil)
	if err != nil || out.Len() != 0 {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n := skipBad(&buf, []any{make(chan int)})
	if n != 0 || buf.Len() != 0 {
		t.Fatalf("%d %q", n, buf.String())
	}
	_ = io.Discard
}

func TestFindingsAndKeeps(t *testing.T) {
	var buf bytes.Buffer
	if err := indented(&buf, msgs[:1]); err != nil || buf.String() != "{\n  \"id\": 1,\n  \"name\": \"a\"\n}\n" {
		t.Fatalf("%q", buf.String())
	}
	buf.Reset()
	if err := commaSeparated(&buf, msgs); err != nil || buf.String() != `[{"id":1,"name":"a"},{"id":2,"name":"\u003cb\u0026c\u003e"},{"id":3,"name":""}]` {
		t.Fatalf("%q", buf.String())
	}
	buf.Reset()
	errs := logOnly(&buf, []any{1, make(chan int)})
	if len(errs) != 1 || errs[0].Error() != "json: unsupported type: chan int" || buf.String() != "1\n\n" {
		t.Fatalf("%v %q", errs, buf.String())
	}
	buf.Reset()
	ignoredError(&buf, []any{make(chan int), 2})
	if buf.String() != "\n2\n" {
		t.Fatalf("%q", buf.String())
	}
	var out bytes.Buffer
	err := differentHandlers(bufio.NewWriterSize(&failing{}, 16), msgs)
	if err == nil || err.Error() != "write: broken pipe" {
		t.Fatalf("err = %v", err)
	}
	w := bufio.NewWriter(&out)
	if err := reassigned(w, w, msgs); err != nil {
		t.Fatal(err)
	}
	if err := otherErrorName(bufio.NewWriterSize(&failing{}, 16), msgs); err != nil {
		t.Fatalf("err = %v", err)
	}
	n, err := logged(&buf, msgs[:1])
	if n != 19 || err != nil {
		t.Fatal(n, err)
	}
}
