package fin

type fakeRuntime struct{}

// allocfix: keep
func (fakeRuntime) SetFinalizer(obj, fn any) {}

// Buffer is returned by a function where runtime is a local.
type Buffer struct{ n int }

// newBuffer: `runtime` is a local, not the package.
// allocfix: keep
func newBuffer(n int) *Buffer {
	runtime := fakeRuntime{}
	b := &Buffer{n: n}
	runtime.SetFinalizer(b, func(*Buffer) {})
	return b
}
