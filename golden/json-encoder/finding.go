package jsonencoder

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// errWrite is returned for a failed write.
var errWrite = errors.New("write failed")

// differentHandlers reports Marshal and write errors differently.
//
// allocfix: finding
func differentHandlers(w *bufio.Writer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("marshal: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if err := w.WriteByte('\n'); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	return nil
}

// uncheckedFile ignores write errors on a file, which can fail.
//
// allocfix: finding
func uncheckedFile(f *os.File, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		f.Write(b)
		f.Write([]byte{'\n'})
	}
	return nil
}

// logOnly does not leave the iteration on a Marshal error: a lone newline is written.
//
// allocfix: finding
func logOnly(buf *bytes.Buffer, vals []any) []error {
	var errs []error
	for _, v := range vals {
		b, err := json.Marshal(v)
		if err != nil {
			errs = append(errs, err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return errs
}

// perIteration picks a writer per message.
//
// allocfix: finding
func perIteration(bufs []*bytes.Buffer, msgs []Msg) error {
	for i, m := range msgs {
		w := bufs[i%len(bufs)]
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	return nil
}

// reassigned switches writers inside the loop.
//
// allocfix: finding
func reassigned(w *bufio.Writer, spill *bufio.Writer, msgs []Msg) error {
	for i, m := range msgs {
		if i == 2 {
			w = spill
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		if err := w.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}

// otherErrorName checks the write with another variable than the one it handles.
//
// allocfix: finding
func otherErrorName(w *bufio.Writer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, werr := w.Write(b); werr != nil {
			return err
		}
		if err := w.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}
