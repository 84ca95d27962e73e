package alltransforms

import "fmt"

// This file holds no case: it is the fake store the cases call into. It
// counts acquisitions and releases without allocating, so that allocs/op
// counts the cases' own allocations.

// Item is something acquired from the store and released with Close.
type Item struct {
	name string
	size int
}

// Store holds the items and how many are held at once.
type Store struct {
	items   map[string]*Item
	held    int
	maxHeld int
	closes  int
}

var store = &Store{items: map[string]*Item{}}

// reset empties the store and adds items with the given names.
//
// allocfix: keep — support code, no pattern.
func reset(names ...string) {
	store.items = map[string]*Item{}
	store.held, store.maxHeld, store.closes = 0, 0, 0
	for i, n := range names {
		store.items[n] = &Item{name: n, size: i + 1}
	}
}

// acquire takes the item called name.
//
// allocfix: keep — support code, no pattern.
func acquire(name string) (*Item, error) {
	it, ok := store.items[name]
	if !ok {
		return nil, fmt.Errorf("acquire %s: no such item", name)
	}
	store.held++
	if store.held > store.maxHeld {
		store.maxHeld = store.held
	}
	return it, nil
}

// Close releases the item.
//
// allocfix: keep — support code, no pattern.
func (it *Item) Close() error {
	store.held--
	store.closes++
	return nil
}
