// Package jsonencoder holds the golden cases of the json-encoder transform.
package jsonencoder

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// Msg is a small message.
type Msg struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// writeAll writes one JSON line per message to a buffered writer.
//
// allocfix: rewrite
func writeAll(w *bufio.Writer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		if _, err := w.Write([]byte("\n")); err != nil {
			return err
		}
	}
	return w.Flush()
}

// wrapped handles both errors alike, with a wrapped message.
//
// allocfix: rewrite
func wrapped(w *bufio.Writer, msgs []*Msg) error {
	for i := range msgs {
		b, err := json.Marshal(msgs[i])
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
		_, err = w.Write(b)
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
		if err := w.WriteByte('\n'); err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
	}
	return nil
}

// toBuffer writes to a bytes.Buffer, which never fails: unchecked writes are fine.
//
// allocfix: rewrite
func toBuffer(buf *bytes.Buffer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return nil
}

// toLocalBuilder writes to a strings.Builder value: the encoder takes its address.
//
// allocfix: rewrite
func toLocalBuilder(msgs []Msg) (string, error) {
	var sb strings.Builder
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return "", err
		}
		sb.Write(b)
		io.WriteString(&sb, "\n")
	}
	return sb.String(), nil
}

// appended adds the newline to the bytes: already one write, so any writer is fine.
//
// allocfix: rewrite
func appended(w io.Writer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// toStdout writes to os.Stdout with fmt.Fprintln for the newline; skips bad values.
//
// allocfix: rewrite
func toStdout(vals []any) {
	for _, v := range vals {
		data, err := json.Marshal(v)
		if err != nil {
			break
		}
		if _, err := os.Stdout.Write(data); err != nil {
			break
		}
		if _, err := fmt.Fprintln(os.Stdout); err != nil {
			break
		}
	}
}

// skipBad continues after a Marshal error on a buffer (which never fails).
//
// allocfix: rewrite
func skipBad(buf *bytes.Buffer, vals []any) int {
	n := 0
	for _, v := range vals {
		b, err := json.Marshal(v)
		if err != nil {
			continue
		}
		buf.Write(b)
		buf.WriteString("\n")
		n++
	}
	return n
}

// toWriter writes to an arbitrary io.Writer: two Write calls become one (unsafe).
//
// allocfix: unsafe
func toWriter(w io.Writer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	return nil
}

type sink struct {
	out *bufio.Writer
	n   int
}

// emit writes through a field while the loop calls a method that could replace it.
//
// allocfix: unsafe
func (s *sink) emit(msgs []Msg) error {
	for _, m := range msgs {
		s.count()
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := s.out.Write(b); err != nil {
			return err
		}
		if err := s.out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}

// count counts.
//
// allocfix: keep
func (s *sink) count() { s.n++ }

// emitPlain writes through a field in a loop that makes no other call.
//
// allocfix: rewrite
func (s *sink) emitPlain(msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := s.out.Write(b); err != nil {
			return err
		}
		if err := s.out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}
