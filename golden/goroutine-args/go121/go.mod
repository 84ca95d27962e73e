module example.com/golden/goroutine-args/go121

go 1.21
