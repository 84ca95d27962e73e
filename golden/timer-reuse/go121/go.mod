module example.com/golden/timer-reuse/go121

go 1.21
