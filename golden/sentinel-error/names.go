package sentinelerror

import (
	"errors"
	"fmt"
)

// errTimeoutExceeded holds the name the message "timeout exceeded" would get.
//
// allocfix: keep — the message has a %d verb.
func errTimeoutExceeded(n int) error {
	return fmt.Errorf("timeout exceeded after %d tries", n)
}

// Options carries settings checked below.
type Options struct {
	HistoryMax, TabStop int
	Ranges              []string
	LocalAddress        any
}

// validateOptions checks settings with messages from fzf, caddy and helm.
//
// allocfix: rewrite — names from the messages' content words, without
// articles and auxiliaries, a requirement naming its failure:
// errHistoryMaxNotPositive, errTabStopNotPositiveInteger, errNoRangeSpecified,
// errCannotRegisterSink; the two local-address messages differ in a word
// (errLocalAddressNotString, errLocalAddressNotStringOrNumber), not in a digit.
func validateOptions(o Options, sinks int) error {
	if o.HistoryMax <= 0 {
		return errors.New("history max must be a positive integer")
	}
	if o.TabStop <= 0 {
		return errors.New("tab stop must be a positive integer")
	}
	if len(o.Ranges) == 0 {
		return errors.New("at least one range must be specified")
	}
	if sinks > 8 {
		return errors.New("can't register a sink")
	}
	switch o.LocalAddress.(type) {
	case string:
	case int:
		return errors.New("local address must be a string")
	default:
		return errors.New("local address must be a string or a number")
	}
	return nil
}

// findRoute reports why a route lookup failed (echo's router).
//
// allocfix: rewrite — the longest message is cut short to the full name of a
// shorter one: it adds the words that tell them apart (errRouteNotFoundByMethod
// vs errRouteNotFoundByMethodAndPath), and no name gets a digit.
func findRoute(method, path string) error {
	switch {
	case method != "" && path != "":
		return errors.New("route not found by method and path")
	case method != "":
		return errors.New("route not found by method")
	}
	return errors.New("route not found by path")
}
