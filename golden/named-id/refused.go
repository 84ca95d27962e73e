package namedid

import (
	"fmt"
	"strconv"
	"sync/atomic"
)

var keep atomic.Value

// counter is mutated through its pointer: copies would stop sharing the count.
type counter struct{ n int }

// allocfix: finding
func newCounter(start int) *counter { return &counter{n: start} }

// allocfix: keep
func (c *counter) inc() { c.n++ }

// sessionID uses nil as "no session".
type sessionID struct{ sid string }

// allocfix: finding
func openSession(v string) *sessionID { return &sessionID{sid: v} }

var sessions = map[string]*sessionID{"alice": &sessionID{sid: "s1"}}

// allocfix: keep
func findSession(user string) *sessionID {
	s, ok := sessions[user]
	if !ok {
		return nil
	}
	return s
}

// errCode is an error through its pointer receiver.
type errCode struct{ code int }

// allocfix: keep
func (e *errCode) Error() string { return "code " + strconv.Itoa(e.code) }

// allocfix: finding
func fail(code int) error { return &errCode{code} }

// nodeKey is a map key by pointer: distinct pointers to equal ids are distinct keys.
type nodeKey struct{ k int }

// allocfix: finding
func countNodes(vs []int) int {
	seen := map[*nodeKey]bool{}
	for _, v := range vs {
		seen[&nodeKey{v}] = true
	}
	return len(seen)
}

// tagged has a tag: something reads it by reflection.
type tagged struct {
	t int `custom:"t"`
}

// allocfix: finding
func newTagged(v int) *tagged { return &tagged{t: v} }

// embedded holds its int as an embedded field.
type embedded struct{ int }

// allocfix: finding
func newEmbedded(v int) *embedded { return &embedded{v} }

// gid is a type argument.
type gid struct{ g int }

// allocfix: keep
func first[T any](xs []T) T { return xs[0] }

// allocfix: finding
func firstGid(v int) int { return first[*gid]([]*gid{&gid{v}}).g }

// pair has two fields: it is not a wrapper.
type pair struct{ a, b int }

// allocfix: keep
func newPair(a, b int) *pair { return &pair{a, b} }

// options is only ever built from constants: a set of options, not an id; not reported.
type options struct{ verbose bool }

// allocfix: keep
func defaultOptions() *options { return &options{verbose: true} }

// handleID is handed to another package's function, which may hold it as an interface.
type handleID struct{ h int }

// allocfix: finding
func register(h int) { keep.Store(&handleID{h}) }

// notFound is an error type (value receiver): it travels as `error`.
type notFound struct{ key string }

// allocfix: keep
func (e notFound) Error() string { return "not found: " + e.key }

// allocfix: finding
func lookup(key string) error { return &notFound{key} }

// label is returned as a fmt.Stringer.
type label struct{ text string }

// allocfix: keep
func (l *label) String() string { return l.text }

// allocfix: finding
func describe(text string) fmt.Stringer { return &label{text} }

// shardID satisfies picker through a pointer receiver.
type shardID struct{ n int }

type picker interface{ Next() int }

// allocfix: keep
func (s *shardID) Next() int { return s.n + 1 }

// allocfix: finding
func newPicker(n int) picker { p := &shardID{n}; return p }

// hostName is put in a variable of an interface type declared elsewhere (go-redis's test
// options were): after the rewrite the variable would hold a hostName, not a *hostName.
type hostName struct{ h string }

// allocfix: keep
func (n *hostName) String() string { return n.h }

// allocfix: finding
func hostOf(h string) fmt.Stringer {
	var s fmt.Stringer
	if h != "" {
		s = &hostName{h}
	}
	return s
}

// portNum is handed to a function of the package that takes an interface.
type portNum struct{ p int }

// allocfix: keep
func (n *portNum) String() string { return strconv.Itoa(n.p) }

// allocfix: keep
func show(s fmt.Stringer) string { return "port " + s.String() }

// allocfix: finding
func showPort(p int) string { return show(&portNum{p}) }
