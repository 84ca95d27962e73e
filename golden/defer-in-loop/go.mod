module example.com/golden/defer-in-loop

go 1.22
