package fieldalignment

import (
	"bytes"
	"encoding/binary"
)

// header is written with encoding/binary, which follows its layout.
type header struct {
	flag    uint8
	length  uint32
	version uint8
}

// encodeHeader writes h in little-endian order.
//
// allocfix: keep
func encodeHeader(h header) []byte {
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.LittleEndian, h); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
