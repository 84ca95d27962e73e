package jsonencoder

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log"
)

// indented uses MarshalIndent, which an Encoder only matches with SetIndent.
//
// allocfix: keep
func indented(buf *bytes.Buffer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return nil
}

// commaSeparated writes "," between values, not a newline.
//
// allocfix: keep
func commaSeparated(buf *bytes.Buffer, msgs []Msg) error {
	buf.WriteByte('[')
	for i, m := range msgs {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return nil
}

// noNewline writes the bytes only.
//
// allocfix: keep
func noNewline(buf *bytes.Buffer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	return nil
}

// logged uses the bytes for something else too.
//
// allocfix: keep
func logged(buf *bytes.Buffer, msgs []Msg) (int, error) {
	total := 0
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return total, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
		total += len(b)
	}
	return total, nil
}

// otherWriter writes the newline to another writer.
//
// allocfix: keep
func otherWriter(a, b *bytes.Buffer, msgs []Msg) error {
	for _, m := range msgs {
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		a.Write(data)
		b.WriteByte('\n')
	}
	return nil
}

// ignoredError drops the Marshal error: the original then writes a lone newline.
//
// allocfix: keep
func ignoredError(buf *bytes.Buffer, vals []any) {
	for _, v := range vals {
		b, _ := json.Marshal(v)
		buf.Write(b)
		buf.WriteByte('\n')
	}
}

// once is not in a loop: one Marshal per call is what an Encoder would cost too.
//
// allocfix: keep
func once(w *bufio.Writer, m Msg) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	return w.WriteByte('\n')
}

// between does something between the Marshal and the writes.
//
// allocfix: keep
func between(buf *bytes.Buffer, msgs []Msg) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		log.SetPrefix("")
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return nil
}
