package byteconversions

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strings"
)

// writeLine writes line and a newline to a buffered writer.
//
// allocfix: rewrite — bufio.Writer.Write lets its argument escape (it may
// pass it to the underlying writer): []byte(line) allocates on every call;
// WriteString copies straight into the buffer.
func writeLine(w *bufio.Writer, line string) error {
	if _, err := w.Write([]byte(line)); err != nil {
		return err
	}
	_, err := w.Write([]byte("\n"))
	return err
}

// writeCounted writes s and returns the count Write reported.
//
// allocfix: unsafe — the count is read: when the underlying writer fails,
// bufio's WriteString reports what it buffered, Write what the writer took.
func writeCounted(w *bufio.Writer, s string) (int, error) {
	n, err := w.Write([]byte(s))
	return n, err
}

// writeDiscarded writes s and keeps only the error.
//
// allocfix: rewrite — `_, err = …` keeps its assignment.
func writeDiscarded(w *bufio.Writer, s string) (err error) {
	_, err = w.Write([]byte(s))
	return
}

// writeStatement writes s ignoring the results.
//
// allocfix: rewrite — a call used as a statement.
func writeStatement(w *bufio.Writer, s string) {
	w.Write([]byte(s))
}

// writeAssigned writes s into results declared earlier.
//
// allocfix: unsafe — `n, err = …` reads the count too.
func writeAssigned(w *bufio.Writer, s string) (n int, err error) {
	n, err = w.Write([]byte(s))
	return
}

// writeFile writes s to a file.
//
// allocfix: rewrite — os.File.Write allocates the copy of a string over 32
// bytes; File.WriteString does not.
func writeFile(f *os.File, s string) error {
	_, err := f.Write([]byte(s))
	return err
}

// lineWriter is a writer of the package with both Write and WriteString.
type lineWriter struct {
	w     *bufio.Writer
	lines int
}

// allocfix: keep
func (l *lineWriter) Write(p []byte) (int, error) {
	l.lines += bytes.Count(p, []byte("\n"))
	return l.w.Write(p)
}

// allocfix: keep
func (l *lineWriter) WriteString(s string) (int, error) {
	l.lines += strings.Count(s, "\n")
	return l.w.WriteString(s)
}

// writeOwn writes s through a writer of the package.
//
// allocfix: rewrite — lineWriter declares WriteString(string) (int, error).
func writeOwn(l *lineWriter, s string) error {
	_, err := l.Write([]byte(s))
	return err
}

// writeBuffer writes s into a bytes.Buffer.
//
// allocfix: unsafe — the compiler already removes the allocation (0
// allocs/op): WriteString only reads better.
func writeBuffer(buf *bytes.Buffer, s string) {
	buf.Write([]byte(s))
}

// writeBuilder writes s into a strings.Builder value.
//
// allocfix: unsafe — same as bytes.Buffer: already 0 allocs/op.
func writeBuilder(s string) string {
	var sb strings.Builder
	sb.Write([]byte(s))
	return sb.String()
}

// writeAny writes s to a writer whose dynamic type is unknown.
//
// allocfix: unsafe — io.WriteString saves the copy only when the writer has
// a WriteString method.
func writeAny(w io.Writer, s string) error {
	_, err := w.Write([]byte(s))
	return err
}

// writeAnyJoined writes a and b to an io.Writer.
//
// allocfix: finding — io.WriteString(w, a + b) would take two arguments, where
// gofmt spaces a binary operand differently: reported without a fix.
func writeAnyJoined(w io.Writer, a, b string) error {
	_, err := w.Write([]byte(a + b))
	return err
}
