package deferinloop

import (
	"strings"
	"sync"
)

// processLogged processes every path and notes each one at the end.
//
// allocfix: finding — the deferred call (a log) releases nothing of this
// iteration.
func processLogged(paths []string) error {
	for _, p := range paths {
		defer note("finished " + p)
		if err := processPath(p); err != nil {
			return err
		}
	}
	return nil
}

// runAll processes every path; the caller Added len(paths) to wg.
//
// allocfix: finding — `defer wg.Done()` releases nothing acquired here.
func runAll(wg *sync.WaitGroup, paths []string) {
	for _, p := range paths {
		defer wg.Done()
		_ = processPath(p)
	}
}

// processAllErr reports the first close error through its named result.
//
// allocfix: finding — a deferred closure over loop state that assigns the
// named result: extracting it would change which error is returned.
func processAllErr(paths []string) (err error) {
	for _, p := range paths {
		f, oerr := open(p)
		if oerr != nil {
			return oerr
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
		if perr := process(f); perr != nil {
			return perr
		}
	}
	return nil
}

// processSafely processes paths; a panic stops the loop and is counted.
//
// allocfix: finding — the deferred closure calls recover(): per-iteration
// recovery would go on with the next path.
func processSafely(paths []string) (failed int) {
	for _, p := range paths {
		defer func() {
			if recover() != nil {
				failed++
			}
		}()
		mustProcess(p)
	}
	return failed
}

// processFallback opens p, or p.bak when p is missing.
//
// allocfix: finding — the loop contains a goto.
func processFallback(paths []string) error {
	for _, p := range paths {
		name := p
	retry:
		f, err := open(name)
		if err != nil {
			if !strings.HasSuffix(name, ".bak") {
				name += ".bak"
				goto retry
			}
			return err
		}
		defer f.Close()
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// mergeInto processes every path into base and closes base when done.
//
// allocfix: finding — base was acquired before the loop: the defer closes it
// once per path.
func mergeInto(base *File, paths []string) error {
	for _, p := range paths {
		defer base.Close()
		if err := processPath(p); err != nil {
			return err
		}
	}
	return nil
}

// concatHeaders opens every file, then reads their headers.
//
// allocfix: finding — f escapes the iteration (appended to files, read after
// the loop): it must stay open until the function returns.
func concatHeaders(paths []string) (string, error) {
	var files []*File
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		files = append(files, f)
	}
	var sb strings.Builder
	for _, f := range files {
		sb.WriteString(f.Header())
	}
	return sb.String(), nil
}

// snapshotAll locks every shard, then sums the hits while all are held.
//
// allocfix: finding — code after the loop relies on the locks the deferred
// Unlocks still hold.
func snapshotAll(shards []*Shard) int {
	for _, s := range shards {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	total := 0
	for _, s := range shards {
		total += s.hits
	}
	return total
}
