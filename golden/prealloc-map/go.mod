module example.com/golden/prealloc-map

go 1.22
