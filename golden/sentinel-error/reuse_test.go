package sentinelerror

import (
	"errors"
	"testing"
)

// TestPreexistingSentinelsAreNotReused pins identity: a fresh error with the
// same text as an existing sentinel must not become that sentinel.
func TestPreexistingSentinelsAreNotReused(t *testing.T) {
	err := checkLastSeq(1, 2)
	if err == nil || err.Error() != "last sequence mismatch" {
		t.Fatalf("checkLastSeq = %v", err)
	}
	if errors.Is(err, errLastSeqMismatch) {
		t.Errorf("checkLastSeq now returns errLastSeqMismatch")
	}
	if !errors.Is(storeLastSeq(1, 2), errLastSeqMismatch) {
		t.Errorf("storeLastSeq lost its sentinel")
	}
	_, err = findUser(2)
	if errors.Is(err, ErrNotFound) {
		t.Errorf("findUser now returns ErrNotFound")
	}
	if checkLastSeq(3, 3) != nil || recoverKeys(true) != nil || decodeKeys(true) != nil {
		t.Errorf("nil cases")
	}
	for _, err := range []error{recoverKeys(false), decodeKeys(false)} {
		if err == nil || err.Error() != "unable to recover keys" {
			t.Errorf("keys error = %v", err)
		}
	}
}

func BenchmarkFixed_CheckLastSeq(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = checkLastSeq(1, 2)
	}
}

func BenchmarkFixed_RecoverKeys(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = recoverKeys(false)
		layoutSink = decodeKeys(false)
	}
}

func BenchmarkKept_StoreLastSeq(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = storeLastSeq(1, 2)
	}
}
