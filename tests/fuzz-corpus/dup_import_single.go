package p

import "fmt"
import "fmt"

func f() error { return fmt.Errorf("boom") }
