package fieldalignment

import "testing"

var (
	sinkRecords  []record
	sinkGroups   []grouped
	sinkSessions []*session
)

func BenchmarkFixedBytes_Records(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkRecords = newRecords(1000)
	}
}

func BenchmarkFixedBytes_Groups(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkGroups = newGroups(1000)
	}
}

// Each session is allocated alone: 80 and 72 bytes fall in the same 80-byte size class of
// the allocator, so B/op does not move (allocs/op neither).
func BenchmarkKept_Sessions(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkSessions = newSessions(100)
	}
}

func BenchmarkKept_Records(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkRecords = newRecords(10)
	}
}
