// Package sprintfstrconv holds the golden cases of allocfix's sprintf-strconv
// transform: fmt.Sprintf with a constant format and arguments of evident
// predeclared types becomes strconv calls and string concatenation.
//
// Every use of fmt in this file is rewritten, so the fmt import goes away and
// strconv and encoding/hex are added.
package sprintfstrconv

import "fmt"

// formatPrefix builds a log line prefix (seed exercise 1).
//
// allocfix: rewrite — level string, ts int64:
// "[" + level + "] " + strconv.FormatInt(ts, 10) + " ".
func formatPrefix(level string, ts int64) string {
	return fmt.Sprintf("[%s] %d ", level, ts)
}

// sumDigits adds up the decimal lengths of numbers (SumBad in
// go-memory-management.txt).
//
// allocfix: rewrite — n ranges over a declared []int: s := strconv.Itoa(n).
func sumDigits(numbers []int) int {
	sum := 0
	for _, n := range numbers {
		s := fmt.Sprintf("%d", n)
		sum += len(s)
	}
	return sum
}

// kibCount renders a byte count in whole KiB.
//
// allocfix: rewrite — kib is declared var kib int64: strconv.FormatInt(kib, 10).
func kibCount(b int64) string {
	var kib int64 = b / 1024
	return fmt.Sprintf("%d", kib)
}

// coord renders axis=d.
//
// allocfix: rewrite — d is an int32, converted:
// axis + "=" + strconv.FormatInt(int64(d), 10).
func coord(axis string, d int32) string {
	return fmt.Sprintf("%s=%d", axis, d)
}

// smallDelta renders an int8.
//
// allocfix: rewrite — strconv.FormatInt(int64(d), 10).
func smallDelta(d int8) string {
	return fmt.Sprintf("%d", d)
}

// portText renders a port number.
//
// allocfix: rewrite — uint16 is converted: strconv.FormatUint(uint64(p), 10).
func portText(p uint16) string {
	return fmt.Sprintf("%d", p)
}

// sizeText renders a byte size.
//
// allocfix: rewrite — uint64 needs no conversion: strconv.FormatUint(n, 10).
func sizeText(n uint64) string {
	return fmt.Sprintf("%d", n)
}

// retryLabel renders "retry OP x5".
//
// allocfix: rewrite — a string literal argument, a string parameter and
// limit := 5 (an int): "retry" + " " + op + " x" + strconv.Itoa(limit).
// Adjacent literals are not merged.
func retryLabel(op string) string {
	limit := 5
	return fmt.Sprintf("%s %s x%d", "retry", op, limit)
}

// countLine renders label: number of items.
//
// allocfix: rewrite — len(...) is an int: label + ": " + strconv.Itoa(len(items)).
func countLine(label string, items []string) string {
	return fmt.Sprintf("%s: %d", label, len(items))
}

// asIs returns s through a lone %s.
//
// allocfix: rewrite — the whole format is "%s" of a string: return s.
func asIs(s string) string {
	return fmt.Sprintf("%s", s)
}

// userKey renders a cache key.
//
// allocfix: rewrite — "user:" + id.
func userKey(id string) string {
	return fmt.Sprintf("user:%s", id)
}

// bodyText renders a []byte body.
//
// allocfix: rewrite — %s of a []byte: "body=" + string(b).
func bodyText(b []byte) string {
	return fmt.Sprintf("body=%s", b)
}

// flagText renders name=true|false.
//
// allocfix: rewrite — name + "=" + strconv.FormatBool(on).
func flagText(name string, on bool) string {
	return fmt.Sprintf("%s=%t", name, on)
}

// digestHex renders a digest in lower-case hex.
//
// allocfix: rewrite — %x of a []byte: hex.EncodeToString(sum).
func digestHex(sum []byte) string {
	return fmt.Sprintf("%x", sum)
}

// notFound renders a message with a quoted key.
//
// allocfix: rewrite — %q of a string:
// table + ": key " + strconv.Quote(key) + " not found".
func notFound(table, key string) string {
	return fmt.Sprintf("%s: key %q not found", table, key)
}

// shortPath keeps the first n bytes of dir/name.
//
// allocfix: rewrite — the call is the operand of a slice expression, so the
// concatenation is parenthesised: (dir + "/" + name)[:n].
func shortPath(dir, name string, n int) string {
	return fmt.Sprintf("%s/%s", dir, name)[:n]
}

// tsvLine renders name<TAB>count<LF>.
//
// allocfix: rewrite — escapes in the format are kept as written:
// name + "\t" + strconv.Itoa(count) + "\n".
func tsvLine(name string, count int) string {
	return fmt.Sprintf("%s\t%d\n", name, count)
}
