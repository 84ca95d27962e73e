// Package codec encodes values holding a wrapper with encoding/json: `{}` would become a
// number, so the rewrite is refused.
package codec

import "encoding/json"

type recordID struct{ r int }

// Record holds an id.
type Record struct {
	ID *recordID
}

// allocfix: finding
func newRecord(r int) Record { return Record{ID: &recordID{r}} }

// Encode encodes a record.
//
// allocfix: keep
func Encode(r int) string {
	b, err := json.Marshal(newRecord(r))
	if err != nil {
		return err.Error()
	}
	return string(b)
}
