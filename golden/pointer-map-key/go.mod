module example.com/golden/pointer-map-key

go 1.22
