package sentinelerror

import (
	"io"
	"testing"
)

var (
	sinkErr  error
	sinkErrs []error
	sinkStr  string
)

func BenchmarkFixed_ValidateAmount(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validateAmount(0)
	}
}

func BenchmarkFixed_ValidateRefund(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validateRefund(0)
	}
}

func BenchmarkFixed_Withdraw(b *testing.B) {
	b.ReportAllocs()
	a := &Account{balance: 1}
	for i := 0; i < b.N; i++ {
		sinkErr = a.Withdraw(2)
	}
}

func BenchmarkFixed_ValidateForm(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validateForm("", "x")
	}
}

func BenchmarkFixed_ValidateLines(b *testing.B) {
	b.ReportAllocs()
	in := []string{"a", "", "", "b", ""}
	for i := 0; i < b.N; i++ {
		sinkErrs = validateLines(in)
	}
}

func BenchmarkFixed_ValidateUser(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validateUser("", 1)
		sinkErr = validateUser("x", -1)
	}
}

func BenchmarkFixed_FindUser(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkStr, sinkErr = findUser(2)
	}
}

func BenchmarkFixed_WaitReady(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = waitReady(0)
	}
}

func BenchmarkFixed_CheckCurrency(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = checkCurrency("EU")
	}
}

func BenchmarkFixed_LoadConfig(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = loadConfig("")
	}
}

func BenchmarkFixed_ValidatePort(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validatePort(0)
	}
}

func BenchmarkFixed_CheckQuota(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = checkQuota(5, 5)
	}
}

func BenchmarkKept_ValidatePortRange(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validatePort(70000)
	}
}

func BenchmarkKept_ErrTimeoutExceeded(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = errTimeoutExceeded(3)
	}
}

func BenchmarkKept_Lookup(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = lookup("")
	}
}

func BenchmarkKept_ParseFlag(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = parseFlag("")
	}
}

func BenchmarkKept_ValidateWith(b *testing.B) {
	b.ReportAllocs()
	f := errorFactory{prefix: "form"}
	for i := 0; i < b.N; i++ {
		sinkErr = validateWith(f, "")
	}
}

func BenchmarkKept_ValidateRange(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = validateRange(1234)
	}
}

func BenchmarkKept_WrapLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = wrapLoad(io.EOF)
	}
}

func BenchmarkKept_CheckMode(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = checkMode("x")
	}
}

func BenchmarkKept_CheckValue(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = checkValue(-1.5)
	}
}

func BenchmarkKept_BadField(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = badField("zip")
	}
}

func BenchmarkKept_NewError(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = newError("custom")
	}
}

func BenchmarkKept_ValidateRecord(b *testing.B) {
	b.ReportAllocs()
	rec := map[string]string{"a": "1"}
	for i := 0; i < b.N; i++ {
		sinkErr = validateRecord(rec, "a", "b")
	}
}

func BenchmarkKept_GeneratedCheck(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = generatedCheck(-1)
	}
}
