package sentinelerror

import "fmt"

// validatePort checks a TCP port.
//
// allocfix: rewrite — the first Errorf has no verb: errPortNotSet; the
// second has %d and is kept. "errors" is added, "fmt" stays.
func validatePort(p int) error {
	if p == 0 {
		return fmt.Errorf("port must be set")
	}
	if p < 0 || p > 65535 {
		return fmt.Errorf("port %d out of range", p)
	}
	return nil
}

// checkQuota fails when the quota is used up.
//
// allocfix: rewrite — "%%" is a literal percent sign: var errQuota100Used =
// errors.New("quota 100% used").
func checkQuota(used, limit int) error {
	if used >= limit {
		return fmt.Errorf("quota 100%% used")
	}
	return nil
}
