module example.com/golden/timer-reuse/unsafe

go 1.23
