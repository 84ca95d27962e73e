package hoistregexp

import "testing"

func TestBlankLines(t *testing.T) {
	if got := copyrightYear("  // Copyright (C) 2014 The Authors  "); got != "2014" {
		t.Errorf("copyrightYear = %q", got)
	}
	if got := copyrightYear("no year"); got != "" {
		t.Errorf("copyrightYear = %q", got)
	}
	if !isCopyrightLine("// Copyright (C) 2014 The Authors") || isCopyrightLine("// copyright") {
		t.Error("isCopyrightLine")
	}
}

func BenchmarkFixed_CopyrightYear(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = copyrightYear("// Copyright (C) 2014 The Authors")
	}
}

func BenchmarkFixed_IsCopyrightLine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isCopyrightLine("// Copyright (C) 2014 The Authors")
	}
}

func TestSplitCopyright(t *testing.T) {
	year, holder := splitCopyright("// Copyright (C) 2014 The Authors")
	if year != "2014" || holder != "The Authors" {
		t.Errorf("splitCopyright = %q, %q", year, holder)
	}
	if year, holder := splitCopyright("none"); year != "" || holder != "" {
		t.Errorf("splitCopyright(none) = %q, %q", year, holder)
	}
}

func BenchmarkFixed_SplitCopyright(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString, _ = splitCopyright("// Copyright (C) 2014 The Authors")
	}
}
