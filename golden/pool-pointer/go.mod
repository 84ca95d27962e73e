module example.com/golden/pool-pointer

go 1.22
