package tick

import "time"

type clock struct{}

// allocfix: keep
func (clock) Tick(d time.Duration) <-chan time.Time {
	c := make(chan time.Time, 1)
	c <- time.Unix(0, int64(d))
	return c
}

// local: `time` is a local here, not the package.
// allocfix: keep
func local(d time.Duration) time.Time {
	time := clock{}
	return <-time.Tick(d)
}
