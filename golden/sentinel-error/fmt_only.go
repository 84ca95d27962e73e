package sentinelerror

import "fmt"

// loadConfig rejects an empty path.
//
// allocfix: rewrite — fmt.Errorf without verbs becomes var errConfigPathEmpty =
// errors.New("config path is empty"); the file gains import "errors" and loses
// "fmt", which nothing else uses.
func loadConfig(path string) error {
	if path == "" {
		return fmt.Errorf("config path is empty")
	}
	return nil
}
