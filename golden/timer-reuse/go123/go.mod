module example.com/golden/timer-reuse/go123

go 1.23
