package deferinloop

import (
	"errors"
	"sync"
)

// headerOf returns the header of one file.
//
// allocfix: keep — the defer is not in a loop.
func headerOf(p string) (string, error) {
	f, err := open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Header(), nil
}

// processEach already scopes each defer to a func literal per iteration.
//
// allocfix: keep — the defer belongs to the func literal, not to the loop.
func processEach(paths []string) error {
	for _, p := range paths {
		err := func() error {
			f, err := open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return process(f)
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

// processConcurrently processes every path in its own goroutine.
//
// allocfix: keep — `defer wg.Done()` is in the goroutine's func literal.
func processConcurrently(paths []string) error {
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = processPath(p)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
