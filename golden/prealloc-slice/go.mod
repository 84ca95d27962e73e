module example.com/golden/prealloc-slice

go 1.22
