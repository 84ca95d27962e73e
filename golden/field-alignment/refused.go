package fieldalignment

// event is written as JSON: its output order follows the field order.
type event struct {
	Seen  bool   `json:"seen"`
	ID    int64  `json:"id"`
	Label string `json:"label"`
	Last  bool   `json:"last"`
}

// point is built with an unkeyed literal in a test file.
type point struct {
	visible bool
	x       float64
	hidden  bool
}

// base is embedded below.
type base struct {
	id int64
}

// withEmbedded embeds base: reordered by hand only.
type withEmbedded struct {
	on bool
	base
	off bool
}

// noCompare carries a zero-size marker.
type noCompare struct {
	_    [0]func()
	on   bool
	n    int64
	done bool
}

// sectioned groups its fields with blank lines and a section comment.
type sectioned struct {
	open bool

	// Counters.
	reads  int64
	closed bool
}

// makePoint builds a point with keys.
//
// allocfix: keep
func makePoint(x float64) point {
	return point{x: x, visible: true}
}

// misc keeps the refused types used.
//
// allocfix: keep
func misc() (event, withEmbedded, noCompare, sectioned) {
	return event{ID: 1}, withEmbedded{on: true}, noCompare{on: true}, sectioned{open: true}
}
