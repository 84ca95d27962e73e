package deferinloop

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// errNotFound is returned by findHeader when no file has the header.
var errNotFound = errors.New("header not found")

// processAll processes every file in paths (the seed).
//
// allocfix: rewrite — the body moves to processAllOne (placed right after);
// its trailing `if err := process(f); err != nil { return err }` becomes
// `return process(f)` because process is declared here returning error.
func processAll(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// processNonEmpty processes every non-empty file.
//
// allocfix: rewrite — `continue` becomes `return nil` in the helper.
func processNonEmpty(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if f.Size() == 0 {
			continue
		}
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// processUntilStop processes files up to the first one whose header is STOP.
//
// allocfix: rewrite — `break` needs a control result: the helper returns
// (bool, error), true meaning break.
func processUntilStop(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if f.Header() == "STOP" {
			break
		}
		if err := process(f); err != nil {
			return err
		}
	}
	note("done")
	return nil
}

// findHeader returns the first path whose header is want.
//
// allocfix: rewrite — the body returns values: the helper returns
// (bool, string, error), true meaning "return r0, r1".
func findHeader(paths []string, want string) (string, error) {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if f.Header() == want {
			return p, nil
		}
	}
	return "", errNotFound
}

// processUntilEnd processes files up to the first one whose header is END,
// which ends the whole call successfully.
//
// allocfix: rewrite — `return nil` inside the loop is not "continue": the
// helper returns (bool, error), true meaning "return r0".
func processUntilEnd(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if f.Header() == "END" {
			return nil
		}
		if err := process(f); err != nil {
			return err
		}
	}
	note("no END")
	return nil
}

// tally counts the files whose header is want.
//
// allocfix: rewrite — the body assigns n, declared outside the loop: func
// literal called in place, returning error (every return is `return 0, err`
// with a non-nil err: the call site returns 0, err).
func tally(paths []string, want string) (int, error) {
	n := 0
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if f.Header() == want {
			n++
		}
	}
	return n, nil
}

// sumSizes adds up the sizes of the files; on error it returns the partial
// sum so far.
//
// allocfix: rewrite — named results assigned in the body and bare returns:
// func literal returning bool, true meaning a bare `return`.
func sumSizes(paths []string) (total int, err error) {
	for _, p := range paths {
		var f *File
		f, err = open(p)
		if err != nil {
			return
		}
		defer f.Close()
		total += f.Size()
	}
	return
}

// processGroups processes each group's files; a SKIP header skips the rest
// of its group.
//
// allocfix: rewrite — `continue outer` from the inner loop: the helper
// returns (bool, error), true meaning `continue outer`.
func processGroups(groups [][]string) error {
outer:
	for _, group := range groups {
		for _, p := range group {
			f, err := open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			if f.Header() == "SKIP" {
				continue outer
			}
			if err := process(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// processNumbered checks that file i under dir has header i, then processes it.
//
// allocfix: rewrite — parameters are the loop variables, then the free
// variables in order of first use: (i int, name string, dir string).
func processNumbered(dir string, names []string) error {
	for i, name := range names {
		f, err := open(dir + "/" + name)
		if err != nil {
			return err
		}
		defer f.Close()
		if f.Header() != strconv.Itoa(i) {
			return fmt.Errorf("%s: header %q, want %d", name, f.Header(), i)
		}
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// bumpAll counts a hit on every shard under its lock.
//
// allocfix: rewrite — Unlock after a Lock of this iteration, nothing after
// the loop: no results, the call is a plain statement.
func bumpAll(shards []*Shard) {
	for _, s := range shards {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.hits++
		s.touch()
	}
}

// exportTables writes the non-empty rows of every table to w.
//
// allocfix: rewrite — rows.Close(); the `continue` of the inner for stays; the
// trailing rows.Err() check is a method call, so it is not folded into a
// return.
func exportTables(db *DB, tables []string, w *strings.Builder) error {
	for _, t := range tables {
		rows, err := db.Query(t)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if rows.Text() == "" {
				continue
			}
			w.WriteString(rows.Text())
			w.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// checkAll fetches every url and requires status 200.
//
// allocfix: rewrite — resp.Body.Close(); fmt.Errorf results are non-nil, so
// the helper returns just error.
func checkAll(c *Client, urls []string) error {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s: status %d", u, resp.StatusCode)
		}
	}
	return nil
}

// pingAll pings every url with a one-second timeout each.
//
// allocfix: rewrite — cancel() of a WithTimeout of this iteration; the ctx
// read on the right of := is the parameter (a free variable), the one on
// the left is the iteration's own.
func pingAll(ctx context.Context, c *Client, urls []string) error {
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := c.Ping(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// validateAll checks every file.
//
// allocfix: rewrite — check returns *CheckError, not error: the trailing check
// is not folded into `return check(f)` (a nil *CheckError would become a
// non-nil error).
func validateAll(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := check(f); err != nil {
			return err
		}
	}
	return nil
}

// importAll imports every file; other.go already declares importAllOne.
//
// allocfix: rewrite — importAllOne is taken: the helper is importAllOne0.
func importAll(paths []string) error {
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		note("import " + f.Header())
	}
	return nil
}

// processTagged processes the files named TAG-p.
//
// allocfix: rewrite — prefix is a string, as the standard library's API says
// of strings.ToUpper: a helper taking prefix string.
func processTagged(tag string, paths []string) error {
	prefix := strings.ToUpper(tag)
	for _, p := range paths {
		f, err := open(prefix + "-" + p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// processLabelled processes the files named <label>-p.
//
// allocfix: rewrite — prefix is declared from a call of the package's label,
// whose signature says string: the body becomes processLabelledOne(p, prefix).
func processLabelled(tag string, paths []string) error {
	prefix := label(tag)
	for _, p := range paths {
		f, err := open(prefix + "-" + p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// label is the label of tag.
//
// allocfix: keep — no pattern.
func label(tag string) string { return strings.ToUpper(tag) }

// processLabelledBy processes the files named <name(tag)>-p.
//
// allocfix: rewrite — prefix comes from calling a function value, whose
// result type the syntax does not give: func literal called in place, `if err
// := func() error { ... }(); err != nil { return err }`.
func processLabelledBy(name func(string) string, tag string, paths []string) error {
	prefix := name(tag)
	for _, p := range paths {
		f, err := open(prefix + "-" + p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// joinHeaders joins the headers of the files, each followed by ';'.
//
// allocfix: rewrite — sb is a strings.Builder value declared outside the loop
// and its methods mutate it: a parameter would copy it, so func literal
// called in place, returning error (the call site returns "", err).
func joinHeaders(paths []string) (string, error) {
	var sb strings.Builder
	for _, p := range paths {
		f, err := open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		sb.WriteString(f.Header())
		sb.WriteByte(';')
	}
	return sb.String(), nil
}
