package codec

import "testing"

func TestEncode(t *testing.T) {
	if got := Encode(1); got != `{"ID":{}}` {
		t.Fatal(got)
	}
}
