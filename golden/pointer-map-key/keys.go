// Package keys holds long-lived maps with various key types.
package keys

import "time"

// Tenant is identified by its ID.
type Tenant struct{ ID int64 }

// Key carries a pointer to its tenant.
type Key struct {
	Tenant *Tenant
	ID     int64
}

// seen is keyed by a struct holding a pointer.
// allocfix: finding
var seen = map[Key]struct{}{}

// allocfix: keep
func dedup(t *Tenant, id int64) bool {
	k := Key{Tenant: t, ID: id}
	if _, ok := seen[k]; ok {
		return false
	}
	seen[k] = struct{}{}
	return true
}

// Wrapped nests a pointer-carrying struct.
type Wrapped struct {
	Key  Key
	Kind uint8
}

// ErrKey carries an interface.
type ErrKey struct {
	Err  error
	Line int
}

// Registry keeps maps in fields: two keys hold pointers (through a nested struct, and an
// interface), one holds a string, one is a pointer.
// allocfix: finding
type Registry struct {
	byWrapped map[Wrapped]int
	errs      map[ErrKey]int
	names     map[NameKey]int
	conns     map[*Tenant]int
}

// byNames has a string-and-number key: the ordinary map.
// allocfix: keep
var byNames = make(map[NameKey]int)

// NameKey holds only a string and a number.
type NameKey struct {
	Name string
	N    int
}

// ScalarKey holds only numbers.
type ScalarKey struct {
	TenantID, ID int64
}

// scalar is keyed by scalars.
// allocfix: keep
var scalar = map[ScalarKey]bool{}

// byTenant is keyed by a pointer itself: identity on purpose.
// allocfix: keep
var byTenant map[*Tenant]string

// anything is keyed by interfaces.
// allocfix: keep
var anything map[any]int

// byTime has a standard-library key type.
// allocfix: keep
var byTime = map[time.Time]int{}

// timeKey holds a standard-library struct whose fields are not known here.
type timeKey struct {
	At time.Time
	ID int
}

// byTimeKey's key holds a time.Time: its fields are not known here.
// allocfix: keep
var byTimeKey = map[timeKey]int{}

// local's map dies with the call.
// allocfix: keep
func local(ks []Key) int {
	m := make(map[Key]int, len(ks))
	for _, k := range ks {
		m[k]++
	}
	return len(m)
}

// allocfix: keep
func (r *Registry) add(w Wrapped, e ErrKey, n NameKey, t *Tenant) {
	if r.byWrapped == nil {
		r.byWrapped = map[Wrapped]int{}
		r.errs = map[ErrKey]int{}
		r.names = map[NameKey]int{}
		r.conns = map[*Tenant]int{}
	}
	r.byWrapped[w]++
	r.errs[e]++
	r.names[n]++
	r.conns[t]++
	byNames[n]++
	scalar[ScalarKey{t.ID, int64(n.N)}] = true
}

// Side is a second, separate struct type whose map key is a literal struct with a pointer.
// allocfix: finding
type Side struct {
	refs map[struct {
		t *Tenant
		n int
	}]int
}

// allocfix: keep
func (s *Side) count(t *Tenant) int {
	return s.refs[struct {
		t *Tenant
		n int
	}{t, 0}]
}
