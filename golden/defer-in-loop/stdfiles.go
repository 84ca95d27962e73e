package deferinloop

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Cases on real files (os.Open): what the standard library's API says a
// method returns decides whether a value made from the file can keep it open.

// fileSizes is seed exercise 14 as written in practice: the size of every
// file, read through the open file.
//
// allocfix: rewrite — st.Size() is an int64: appending it keeps nothing of f
// alive. sizes is assigned in the body, so a func literal called in place,
// returning error; the call site returns nil, err.
func fileSizes(paths []string) ([]int64, error) {
	var sizes []int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		sizes = append(sizes, st.Size())
	}
	return sizes, nil
}

// firstLines maps each path to its first line.
//
// allocfix: rewrite — sc.Text() is a string (a copy): storing it in out keeps
// neither sc nor f. The helper takes the map and returns error.
func firstLines(paths []string) (map[string]string, error) {
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		if sc.Scan() {
			out[p] = sc.Text()
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writeAll writes contents[i] to the file names[i] in dir.
//
// allocfix: rewrite — the helper ends with `return err`: err is an error (as
// os.Create and io.WriteString say), so the trailing `if err != nil { return
// err }` and the `return nil` after it fold into it.
func writeAll(dir string, names, contents []string) error {
	for i, name := range names {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.WriteString(f, contents[i])
		if err != nil {
			return err
		}
	}
	return nil
}

// sizeUntilEmpty sums the sizes of the files before the first empty one;
// on an error it returns the total so far with it.
//
// allocfix: rewrite — returns (total, err) with a non-nil error and breaks:
// func literal (total is a named result the body assigns) returning
// (bool, int64, error); the named result err is shadowed in the body and
// `return total, err` still returns from sizeUntilEmpty.
func sizeUntilEmpty(paths []string) (total int64, err error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return total, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return total, err
		}
		if st.Size() == 0 {
			break
		}
		total += st.Size()
	}
	return total, nil
}

// totalSize sums the sizes of the files. The named result err is assigned
// in the body, not shadowed.
//
// allocfix: rewrite — total and err are named results the body assigns: func
// literal (it shares them) returning error; `return 0, err` still returns 0
// and the error from totalSize, through the call site's `return 0, err`.
func totalSize(paths []string) (total int64, err error) {
	for _, p := range paths {
		var f *os.File
		f, err = os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, statErr := f.Stat()
		if statErr != nil {
			return 0, statErr
		}
		total += st.Size()
	}
	return total, nil
}

// checkHeaders checks that every file up to the one whose first line is END
// has a first line; it returns the path of the first that does not.
//
// allocfix: rewrite — returns (p, err) with a non-nil error and breaks: the
// helper returns (bool, string, error); the call site returns the path and
// the error, or breaks.
func checkHeaders(paths []string) (string, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return p, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		if !sc.Scan() {
			return p, fmt.Errorf("%s: no header", p)
		}
		if sc.Text() == "END" {
			break
		}
	}
	return "", nil
}

// statAll returns the FileInfo of every file.
//
// allocfix: finding — st itself (an fs.FileInfo made by f) is appended: an
// interface the syntax cannot see into, so f must stay open.
func statAll(paths []string) ([]fs.FileInfo, error) {
	var infos []fs.FileInfo
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		infos = append(infos, st)
	}
	return infos, nil
}

// firstLineBytes returns the first line of every file as bytes.
//
// allocfix: finding — sc.Bytes() is a slice into the scanner's buffer:
// appending it keeps sc.
func firstLineBytes(paths []string) ([][]byte, error) {
	var lines [][]byte
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Scan()
		lines = append(lines, sc.Bytes())
	}
	return lines, nil
}

// descriptors returns the descriptor of every file, still open.
//
// allocfix: finding — f.Fd() is a uintptr, the descriptor itself: it is
// only valid while f is open.
func descriptors(paths []string) ([]uintptr, error) {
	var fds []uintptr
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		fds = append(fds, f.Fd())
	}
	return fds, nil
}

// findNonEmpty returns the first non-empty file, stopping at a file named
// STOP.
//
// allocfix: finding — the body breaks and also returns a value with a nil
// error (`return p, nil`): no error tells the call site to return.
func findNonEmpty(paths []string) (string, error) {
	for _, p := range paths {
		if p == "STOP" {
			break
		}
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return "", err
		}
		if st.Size() > 0 {
			return p, nil
		}
	}
	return "", nil
}

// lineLimit is how many lines of each file cappedLineCounts reads.
//
// allocfix: keep — no loop.
func lineLimit(files int) int {
	if files > 100 {
		return 1
	}
	return 3
}

// cappedLineCounts counts up to lineLimit lines of each file.
//
// allocfix: rewrite — limit is declared from a call to lineLimit, whose
// signature says int: the body becomes a helper that takes it as `limit int`
// (without its type, the body would stay in a function literal called in
// place).
func cappedLineCounts(paths []string) (map[string]int, error) {
	limit := lineLimit(len(paths))
	out := make(map[string]int, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		n := 0
		for n < limit && sc.Scan() {
			n++
		}
		out[p] = n
	}
	return out, nil
}
