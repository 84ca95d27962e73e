package alltransforms

import "errors"

// describe builds an error whose message is computed.
//
// allocfix: keep — the message is not a constant.
func describe(name string) error {
	return errors.New("bad item: " + name)
}
