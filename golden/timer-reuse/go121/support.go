package timerreuse

import (
	"strconv"
	"time"
)

// This file holds no case: it is the support the cases call into.

// Work is one unit of work.
type Work int

// Recorder records, in order, what a consumer did. Hooks let tests react
// (send more work, cancel); after Stop, events are no longer recorded.
type Recorder struct {
	Events   []string
	OnWork   func(w Work)
	OnTick   func(n int)
	Quiet    bool // count only, record no events (benchmarks)
	Worked   int
	Ticks    int
	LastTick time.Time

	stopped bool
	last    time.Time
}

// NewRecorder returns a recorder whose clock starts now.
//
// allocfix: keep — support code, no pattern.
func NewRecorder() *Recorder {
	return &Recorder{last: time.Now()}
}

// Stop drops every later event.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) Stop() { r.stopped = true }

// allocfix: keep — support code, no pattern.
func (r *Recorder) add(e func() string) {
	if !r.Quiet && !r.stopped {
		r.Events = append(r.Events, e())
	}
	r.last = time.Now()
}

// Work records that w was processed.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) Work(w Work) {
	r.Worked++
	r.add(func() string { return "w" + strconv.Itoa(int(w)) })
	if r.OnWork != nil {
		r.OnWork(w)
	}
}

// Drop records that w was dropped after a timeout.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) Drop(w Work) {
	r.add(func() string { return "drop" + strconv.Itoa(int(w)) })
}

// Tick records one run of the periodic housekeeping.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) Tick() {
	r.Ticks++
	r.add(func() string { return "tick" })
	if r.OnTick != nil {
		r.OnTick(r.Ticks)
	}
}

// TickAt records a housekeeping run at the time the timer delivered.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) TickAt(now time.Time) {
	r.LastTick = now
	r.Tick()
}

// TickAfter records a housekeeping run that was due d after the previous
// event; it marks the event EARLY when less than d has elapsed.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) TickAfter(d time.Duration) {
	elapsed := time.Since(r.last)
	r.Ticks++
	r.add(func() string {
		e := "tick " + d.String()
		if elapsed < d {
			e += " EARLY"
		}
		return e
	})
	if r.OnTick != nil {
		r.OnTick(r.Ticks)
	}
}

// Period is the housekeeping period configured on r.
//
// allocfix: keep — support code, no pattern.
func (r *Recorder) Period() time.Duration { return 2 * time.Millisecond }

// jitter spreads a period a little (here: not at all, to keep tests exact).
//
// allocfix: keep — support code, no pattern.
func jitter(d time.Duration) time.Duration { return d }
