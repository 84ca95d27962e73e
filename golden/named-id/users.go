// Package namedid holds the seed's exercise 18 and the cases named-id must refuse.
package namedid

// userID is the seed's wrapper: one int64, used through *userID everywhere.
type userID struct{ v int64 }

// allocfix: rewrite
func newUserID(v int64) *userID { return &userID{v: v} }

// allocfix: keep
func (u *userID) int64() int64 { return u.v }

// account holds ids in a field, a slice and a map.
type account struct {
	owner   *userID
	members []*userID
	byName  map[string]*userID
}

var last = newUserID(0)

var total int64

// allocfix: keep
func handle(id *userID) {
	last = id
	total += id.v
}

// allocfix: keep
func loop(ids []int64) {
	for _, x := range ids {
		handle(newUserID(x))
	}
}

// allocfix: keep
func newAccount(owner int64, members ...int64) *account {
	a := &account{owner: newUserID(owner), byName: map[string]*userID{}}
	for _, m := range members {
		a.members = append(a.members, &userID{m})
	}
	a.byName["owner"] = a.owner
	return a
}

// allocfix: keep
func (a *account) ownerValue() int64 {
	o := *a.owner
	return o.v + a.owner.int64() - a.byName["owner"].v
}

// allocfix: keep
func zeroID() *userID { return &userID{} }

// allocfix: keep
func sameUser(a, b *userID) bool { return a.int64() == b.int64() }

// idSource is an interface whose methods spell the type: they change with it.
type idSource interface {
	next() *userID
	owns(id *userID) bool
}

// counterSource hands out ids in order.
type counterSource struct{ n int64 }

// allocfix: keep
func (c *counterSource) next() *userID {
	c.n++
	return newUserID(c.n)
}

// allocfix: keep
func (c *counterSource) owns(id *userID) bool { return id.v <= c.n }

// allocfix: keep
func drawTwo(s idSource) (int64, bool) {
	a, b := s.next(), s.next()
	return a.int64() + b.int64(), s.owns(b)
}
