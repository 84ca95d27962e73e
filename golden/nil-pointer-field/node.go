// Package node builds structs with pointer fields.
package node

import "time"

// Metadata is always attached to a Node.
type Metadata struct {
	CreatedAt time.Time
	Author    string
}

// Node is always made with its Metadata.
type Node struct {
	ID   int64
	Name string
	Meta *Metadata
}

// newNode allocates the node and its metadata.
// allocfix: finding
func newNode(id int64, name, author string) *Node {
	return &Node{
		ID: id, Name: name,
		Meta: &Metadata{Author: author},
	}
}

// author reads through the pointer.
// allocfix: keep
func (n *Node) author() string { return n.Meta.Author }

// Extra is optional on an Item.
type Extra struct{ Note string }

// Item is sometimes made without Extra.
type Item struct {
	ID    int
	Extra *Extra
}

// newItem sets Extra, but plainItem does not.
// allocfix: keep
func newItem(id int, note string) *Item {
	return &Item{ID: id, Extra: &Extra{Note: note}}
}

// allocfix: keep
func plainItem(id int) *Item { return &Item{ID: id} }

// Opts is nil-checked.
type Opts struct{ Verbose bool }

// Job checks its Opts for nil.
type Job struct {
	Name string
	Opts *Opts
}

// allocfix: keep
func newJob(name string) *Job { return &Job{Name: name, Opts: &Opts{}} }

// allocfix: keep
func (j *Job) verbose() bool { return j.Opts != nil && j.Opts.Verbose }

// State is replaced after construction.
type State struct{ N int }

// Machine reassigns its State.
type Machine struct{ State *State }

// allocfix: keep
func newMachine() *Machine { return &Machine{State: &State{}} }

// allocfix: keep
func (m *Machine) reset() { m.State = &State{} }

// Pair is built as a value: one allocation at most.
type Pair struct{ Left *Metadata }

// allocfix: keep
func pair(a string) Pair { return Pair{Left: &Metadata{Author: a}} }
