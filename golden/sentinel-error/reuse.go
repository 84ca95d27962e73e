package sentinelerror

import (
	"errors"
	"fmt"
)

// errLastSeqMismatch existed before allocfix ran; callers compare with it
// (nats-server resets a stream when errors.Is(err, errLastSeqMismatch)).
var errLastSeqMismatch = errors.New("last sequence mismatch")

// checkLastSeq reports a mismatch that is not the one the stream code handles.
//
// allocfix: rewrite — same text as errLastSeqMismatch, which was in the code
// before the run: it is not reused (that would change errors.Is), so the call
// gets its own errLastSequenceMismatch.
func checkLastSeq(want, got uint64) error {
	if want != got {
		return fmt.Errorf("last sequence mismatch")
	}
	return nil
}

// storeLastSeq returns the stream's own sentinel.
//
// allocfix: keep — nothing is allocated.
func storeLastSeq(want, got uint64) error {
	if want != got {
		return errLastSeqMismatch
	}
	return nil
}

// recoverKeys and decodeKeys fail with the same text in two functions.
//
// allocfix: rewrite — both calls share one new sentinel, errUnableToRecoverKeys
// (a sentinel created by this run is reused across sites).
func recoverKeys(ok bool) error {
	if !ok {
		return errors.New("unable to recover keys")
	}
	return nil
}

// decodeKeys — allocfix: rewrite — see recoverKeys.
func decodeKeys(ok bool) error {
	if !ok {
		return errors.New("unable to recover keys")
	}
	return nil
}
