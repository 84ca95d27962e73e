package prealloc

// hook declares a local `levels` inside a function literal of a package-level
// value. That local is not the package-level `levels` below.
var hook = func() int {
	var levels int
	levels++
	return levels
}

// levels is a package-level slice declared after the function literal above.
var levels = []int{1, 2, 4, 8}

// ScaledLevels returns every level times k.
//
// allocfix: rewrite — `range levels` ranges over the package-level slice (the
// `var levels int` inside hook's function literal is local to it): the guard
// is len(levels) > 0, never levels > 0, which would not compile.
func ScaledLevels(k int) []int {
	var out []int
	for _, l := range levels {
		out = append(out, l*k)
	}
	return out
}

// ShiftedLevels returns every level plus k plus one.
//
// allocfix: rewrite — a local function literal of this function declares an
// int named `levels`; the loop still ranges over the package-level slice.
func ShiftedLevels(k int) []int {
	var next = func() int {
		var levels int
		return levels + k + 1
	}
	var out []int
	for _, l := range levels {
		out = append(out, l+next())
	}
	return out
}

// Steps returns 0 … levels-1; its int parameter hides the package slice.
//
// allocfix: rewrite — here `levels` is the int parameter (Go 1.22 range over
// an integer): the guard is levels > 0.
func Steps(levels int) []int {
	var out []int
	for i := range levels {
		out = append(out, i)
	}
	return out
}
