module example.com/golden/time-tick/go123

go 1.23
