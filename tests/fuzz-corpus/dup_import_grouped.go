package p

import (
	"fmt"
	"fmt"
)

func f() error { return fmt.Errorf("boom") }
