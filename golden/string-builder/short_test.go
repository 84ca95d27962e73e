package stringbuilder

import (
	"strings"
	"testing"
)

func TestShortLoops(t *testing.T) {
	check(t, "repeatToFill exact", repeatToFill("-", 80), strings.Repeat("-", 80))
	check(t, "repeatToFill rest", repeatToFill("abc", 8), "abcabcab")
	check(t, "repeatToFill runes", repeatToFill("éa", 3), "éaé")
	fill := templater("0|:|1")
	check(t, "templater", fill([]string{"x", "y"}), "x:y")
	check(t, "templater short", fill([]string{"x"}), "x:")
	check(t, "templater one", templater("1")([]string{"a", "b"}), "b")
	check(t, "triple", triple("a", "b", "c"), "a-b-c-")
	check(t, "fourTimes", fourTimes("ab"), "abababab")
	check(t, "threeTimes", threeTimes("ab"), "ababab")
	check(t, "firstLong", firstLong([]string{"a", "bcd", "efgh"}, 2), ">bcd")
	check(t, "firstLong none", firstLong([]string{"a"}, 2), ">")
	check(t, "weekdays", weekdays(","), "Mon,Tue,Wed,Thu,Fri,Sat,Sun,")
	check(t, "tenTimes", tenTimes("x"), "xxxxxxxxxx")
	check(t, "localTemplate", localTemplate(2), "abab")
}

var (
	fillOne = templater("0")
	fillTwo = templater("0|:")
	record  = []string{"field-zero-value", "field-one-value"}
)

func BenchmarkKept_RepeatToFill(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = repeatToFill("-", 80)
	}
}

func BenchmarkKept_RepeatToFillRest(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = repeatToFill("abc", 80)
	}
}

func BenchmarkKept_TemplateOnePart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = fillOne(record)
	}
}

func BenchmarkKept_TemplateTwoParts(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = fillTwo(record)
	}
}

func BenchmarkKept_Triple(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = triple("alpha", "beta", "gamma")
	}
}

func BenchmarkKept_FourTimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = fourTimes("alpha")
	}
}

func BenchmarkKept_ThreeTimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = threeTimes("alpha")
	}
}

func BenchmarkKept_FirstLong(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = firstLong(words, 5)
	}
}

func BenchmarkFixed_Weekdays(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = weekdays(", ")
	}
}

func BenchmarkFixed_TenTimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = tenTimes("alpha")
	}
}

func BenchmarkFixed_LocalTemplate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkString = localTemplate(10)
	}
}
