package deferinloop

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// realFiles writes the files (name → content) to a temporary folder and
// returns their paths in the given order.
func realFiles(t testing.TB, order []string, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, name := range order {
		p := filepath.Join(dir, name)
		if data, ok := files[name]; ok {
			if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		paths = append(paths, p)
	}
	return paths
}

func TestFileSizes(t *testing.T) {
	paths := realFiles(t, []string{"a", "b", "c"}, map[string]string{"a": "1", "b": "", "c": "333"})
	got, err := fileSizes(paths)
	if err != nil || !reflect.DeepEqual(got, []int64{1, 0, 3}) {
		t.Fatalf("got %v, %v", got, err)
	}
	got, err = fileSizes(nil)
	if err != nil || got != nil {
		t.Fatalf("no paths: got %#v, %v", got, err)
	}
}

func TestFileSizes_Missing(t *testing.T) {
	paths := realFiles(t, []string{"a", "missing", "c"}, map[string]string{"a": "1", "c": "333"})
	got, err := fileSizes(paths)
	if got != nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("got %#v, %v", got, err)
	}
}

func TestFirstLines(t *testing.T) {
	paths := realFiles(t, []string{"a", "b", "c"}, map[string]string{"a": "x\ny\n", "b": "", "c": "z"})
	got, err := firstLines(paths)
	want := map[string]string{paths[0]: "x", paths[2]: "z"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, %v", got, err)
	}
	paths = realFiles(t, []string{"a", "gone"}, map[string]string{"a": "x"})
	got, err = firstLines(paths)
	if got != nil || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: got %#v, %v", got, err)
	}
}

func TestSizeUntilEmpty(t *testing.T) {
	paths := realFiles(t, []string{"a", "b", "empty", "c"}, map[string]string{"a": "123", "b": "45", "empty": "", "c": "6789"})
	if n, err := sizeUntilEmpty(paths); n != 5 || err != nil {
		t.Fatalf("got %d, %v", n, err)
	}
	paths = realFiles(t, []string{"a", "b", "missing", "c"}, map[string]string{"a": "123", "b": "45", "c": "6789"})
	n, err := sizeUntilEmpty(paths)
	if n != 5 || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: got %d, %v", n, err)
	}
}

func TestCheckHeaders(t *testing.T) {
	paths := realFiles(t, []string{"a", "end", "blank"}, map[string]string{"a": "h", "end": "END\n", "blank": ""})
	if p, err := checkHeaders(paths); p != "" || err != nil {
		t.Fatalf("got %q, %v", p, err)
	}
	paths = realFiles(t, []string{"a", "blank", "end"}, map[string]string{"a": "h", "end": "END\n", "blank": ""})
	p, err := checkHeaders(paths)
	if p != paths[1] || err == nil || err.Error() != paths[1]+": no header" {
		t.Fatalf("blank: got %q, %v", p, err)
	}
	paths = realFiles(t, []string{"a", "missing"}, map[string]string{"a": "h"})
	p, err = checkHeaders(paths)
	if p != paths[1] || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: got %q, %v", p, err)
	}
}

func TestStatAll(t *testing.T) {
	paths := realFiles(t, []string{"a", "b"}, map[string]string{"a": "1", "b": "22"})
	infos, err := statAll(paths)
	if err != nil || len(infos) != 2 || infos[0].Name() != "a" || infos[1].Size() != 2 {
		t.Fatalf("got %v, %v", infos, err)
	}
}

func TestFirstLineBytes(t *testing.T) {
	paths := realFiles(t, []string{"a", "b"}, map[string]string{"a": "x\n", "b": "yy"})
	lines, err := firstLineBytes(paths)
	if err != nil || len(lines) != 2 || string(lines[0]) != "x" || string(lines[1]) != "yy" {
		t.Fatalf("got %q, %v", lines, err)
	}
}

func TestDescriptors(t *testing.T) {
	paths := realFiles(t, []string{"a", "b"}, map[string]string{"a": "1", "b": "2"})
	fds, err := descriptors(paths)
	if err != nil || len(fds) != 2 || fds[0] == fds[1] {
		t.Fatalf("got %v, %v", fds, err)
	}
}

func TestFindNonEmpty(t *testing.T) {
	paths := realFiles(t, []string{"e", "a"}, map[string]string{"e": "", "a": "1"})
	if p, err := findNonEmpty(paths); p != paths[1] || err != nil {
		t.Fatalf("got %q, %v", p, err)
	}
	if p, err := findNonEmpty(append([]string{"STOP"}, paths...)); p != "" || err != nil {
		t.Fatalf("stop: got %q, %v", p, err)
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	if err := writeAll(dir, []string{"a", "b"}, []string{"1", "22"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a": "1", "b": "22"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Fatalf("%s: got %q, %v", name, got, err)
		}
	}
	err := writeAll(filepath.Join(dir, "missing"), []string{"c"}, []string{"3"})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing dir: got %v", err)
	}
}

func TestTotalSize(t *testing.T) {
	paths := realFiles(t, []string{"a", "b"}, map[string]string{"a": "123", "b": "45"})
	if n, err := totalSize(paths); n != 5 || err != nil {
		t.Fatalf("got %d, %v", n, err)
	}
	paths = realFiles(t, []string{"a", "missing", "b"}, map[string]string{"a": "123", "b": "45"})
	n, err := totalSize(paths)
	if n != 0 || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: got %d, %v", n, err)
	}
}

func TestCappedLineCounts(t *testing.T) {
	paths := realFiles(t, []string{"a", "b", "c"}, map[string]string{"a": "1\n2\n3\n4\n", "b": "", "c": "x"})
	got, err := cappedLineCounts(paths)
	want := map[string]int{paths[0]: 3, paths[1]: 0, paths[2]: 1}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, %v", got, err)
	}
	paths = realFiles(t, []string{"a", "gone"}, map[string]string{"a": "x"})
	got, err = cappedLineCounts(paths)
	if got != nil || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: got %#v, %v", got, err)
	}
}
