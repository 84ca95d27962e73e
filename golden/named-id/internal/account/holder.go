package account

// Holder exposes an AccountID through a field; no package of the module reads it.
type Holder struct {
	Owner *AccountID
}

// NewHolder returns a holder.
//
// allocfix: keep
func NewHolder(n int64) Holder { return Holder{Owner: New(n)} }
