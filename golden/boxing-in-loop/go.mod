module example.com/golden/boxing-in-loop

go 1.22
