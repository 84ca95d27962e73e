package deferinloop

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
)

// This file holds no case: it is the fake world the cases call into. Every
// acquire and release is logged in fsys.Events, in the order it happened.

// Event is one step on the fake system.
type Event struct {
	Op   string // "open", "close", "process", "note", "read-closed", "query", "close rows", "get", "close body", "ping"
	Name string
}

// MemFS is an in-memory file system.
type MemFS struct {
	mu     sync.Mutex
	files  map[string]*File
	Events []Event
}

// fsys is the file system open reads from.
var fsys = &MemFS{files: map[string]*File{}}

// allocfix: keep — support code, no pattern.
func (m *MemFS) log(op, name string) {
	m.mu.Lock()
	m.Events = append(m.Events, Event{Op: op, Name: name})
	m.mu.Unlock()
}

// File is an open file of the fake file system.
type File struct {
	name   string
	data   string
	opens  int
	closes int
}

// open opens name on fsys.
//
// allocfix: keep — support code, no pattern.
func open(name string) (*File, error) {
	fsys.mu.Lock()
	f, ok := fsys.files[name]
	if ok {
		f.opens++
	}
	fsys.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("open %s: file does not exist", name)
	}
	fsys.log("open", name)
	return f, nil
}

// Close closes f; closing it more often than it was opened is an error.
//
// allocfix: keep — support code, no pattern.
func (f *File) Close() error {
	fsys.mu.Lock()
	f.closes++
	extra := f.closes > f.opens
	fsys.mu.Unlock()
	fsys.log("close", f.name)
	if extra {
		return fmt.Errorf("close %s: file already closed", f.name)
	}
	return nil
}

// allocfix: keep — support code, no pattern.
func (f *File) isOpen() bool {
	fsys.mu.Lock()
	open := f.opens > f.closes
	fsys.mu.Unlock()
	return open
}

// Header is the first line of f ("" and a read-closed event when f is closed).
//
// allocfix: keep — support code, no pattern.
func (f *File) Header() string {
	if !f.isOpen() {
		fsys.log("read-closed", f.name)
		return ""
	}
	h, _, _ := strings.Cut(f.data, "\n")
	return h
}

// Size is the length of f's data.
//
// allocfix: keep — support code, no pattern.
func (f *File) Size() int { return len(f.data) }

// process reads f; data starting with BAD is rejected.
//
// allocfix: keep — support code, no pattern.
func process(f *File) error {
	if !f.isOpen() {
		fsys.log("read-closed", f.name)
	}
	if strings.HasPrefix(f.data, "BAD") {
		return fmt.Errorf("process %s: bad data", f.name)
	}
	fsys.log("process", f.name)
	return nil
}

// note logs a message.
//
// allocfix: keep — support code, no pattern.
func note(msg string) { fsys.log("note", msg) }

// processPath opens, processes and closes p without a defer.
//
// allocfix: keep — support code, no pattern.
func processPath(p string) error {
	f, err := open(p)
	if err != nil {
		return err
	}
	err = process(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mustProcess is processPath that panics on error.
//
// allocfix: keep — support code, no pattern.
func mustProcess(p string) {
	if err := processPath(p); err != nil {
		panic(err)
	}
}

// CheckError is a validation failure.
type CheckError struct{ Name string }

// allocfix: keep — support code, no pattern.
func (e *CheckError) Error() string { return "check " + e.Name + ": invalid" }

// check validates f; it returns a nil *CheckError when f is valid.
//
// allocfix: keep — support code, no pattern.
func check(f *File) *CheckError {
	if strings.Contains(f.data, "INVALID") {
		return &CheckError{Name: f.name}
	}
	return nil
}

// Shard is one lock-protected counter.
type Shard struct {
	mu      sync.Mutex
	name    string
	hits    int
	onTouch func(s *Shard)
}

// allocfix: keep — support code, no pattern.
func (s *Shard) touch() {
	if s.onTouch != nil {
		s.onTouch(s)
	}
}

// DB is a fake database of tables of text rows.
type DB struct {
	tables map[string]*Rows
}

// Rows iterates over the rows of one table.
type Rows struct {
	table  string
	lines  []string
	broken bool
	i      int
	opens  int
	closes int
}

// Query returns the rows of table.
//
// allocfix: keep — support code, no pattern.
func (db *DB) Query(table string) (*Rows, error) {
	r, ok := db.tables[table]
	if !ok {
		return nil, fmt.Errorf("query %s: no such table", table)
	}
	r.i = -1
	r.opens++
	fsys.log("query", table)
	return r, nil
}

// Next advances to the next row.
//
// allocfix: keep — support code, no pattern.
func (r *Rows) Next() bool {
	r.i++
	return r.i < len(r.lines)
}

// Text is the current row.
//
// allocfix: keep — support code, no pattern.
func (r *Rows) Text() string { return r.lines[r.i] }

// Err reports an error that ended the iteration early.
//
// allocfix: keep — support code, no pattern.
func (r *Rows) Err() error {
	if r.broken {
		return fmt.Errorf("rows %s: connection reset", r.table)
	}
	return nil
}

// Close releases the rows.
//
// allocfix: keep — support code, no pattern.
func (r *Rows) Close() error {
	r.closes++
	fsys.log("close rows", r.table)
	return nil
}

// Client is a fake HTTP client.
type Client struct {
	pages map[string]*Response
	Pings []Ping
}

// Response is a fake HTTP response.
type Response struct {
	StatusCode int
	Body       io.ReadCloser
}

type body struct {
	url    string
	opens  int
	closes int
}

// allocfix: keep — support code, no pattern.
func (b *body) Read([]byte) (int, error) { return 0, io.EOF }

// allocfix: keep — support code, no pattern.
func (b *body) Close() error {
	b.closes++
	fsys.log("close body", b.url)
	return nil
}

// Get fetches url.
//
// allocfix: keep — support code, no pattern.
func (c *Client) Get(url string) (*Response, error) {
	resp, ok := c.pages[url]
	if !ok {
		return nil, fmt.Errorf("get %s: connection refused", url)
	}
	resp.Body.(*body).opens++
	fsys.log("get", url)
	return resp, nil
}

// Ping is one recorded call of Client.Ping.
type Ping struct {
	URL      string
	Ctx      context.Context
	PrevDone bool // every earlier ping's context was already done
}

// Ping checks that url is up; urls starting with "down" are not.
//
// allocfix: keep — support code, no pattern.
func (c *Client) Ping(ctx context.Context, url string) error {
	prevDone := true
	for _, p := range c.Pings {
		if p.Ctx.Err() == nil {
			prevDone = false
		}
	}
	c.Pings = append(c.Pings, Ping{URL: url, Ctx: ctx, PrevDone: prevDone})
	fsys.log("ping", url)
	if strings.HasPrefix(url, "down") {
		return fmt.Errorf("ping %s: host down", url)
	}
	return nil
}

// Store indexes file headers under a directory.
type Store struct {
	dir     string
	headers map[string]string
}

// allocfix: keep — support code, no pattern.
func (s *Store) index(p string, f *File) { s.headers[p] = f.Header() }
